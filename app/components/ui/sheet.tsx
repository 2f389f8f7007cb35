import { Slot } from '@radix-ui/react-slot';
import { cva, type VariantProps } from 'class-variance-authority';
import { X } from 'lucide-react';
import {
  type ButtonHTMLAttributes,
  createContext,
  type DialogHTMLAttributes,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cn } from './cn';
import { focusRing } from './focus';

/*
 * A panel that slides in from an edge (a phone's menu): the browser's own modal <dialog>, so it needs
 * no script library. The browser keeps focus inside it and the page behind it inert, closes it on
 * Escape, and styles/base locks the page's scroll while it is open; a click on the shade closes it too,
 * and focus goes back to the button that opened it.
 */

interface SheetState {
  open: boolean;
  setOpen: (open: boolean) => void;
  contentId: string;
  titleId: string;
  trigger: RefObject<HTMLElement | null>;
}

const SheetContext = createContext<SheetState | null>(null);

function useSheet(): SheetState {
  const sheet = useContext(SheetContext);
  if (!sheet) throw new Error('A Sheet part is outside its <Sheet>.');
  return sheet;
}

/** The sheet's state; pass `open` and `onOpenChange` to hold it yourself (to close it from a link). */
export function Sheet({
  children,
  open: heldOpen,
  onOpenChange,
}: {
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = heldOpen ?? ownOpen;
  const trigger = useRef<HTMLElement | null>(null);
  const id = useId();
  const state = useMemo(
    () => ({
      open,
      setOpen: (next: boolean) => (onOpenChange ? onOpenChange(next) : setOwnOpen(next)),
      contentId: `${id}-sheet`,
      titleId: `${id}-title`,
      trigger,
    }),
    [open, onOpenChange, id],
  );
  return <SheetContext.Provider value={state}>{children}</SheetContext.Provider>;
}

type ButtonLikeProps = ButtonHTMLAttributes<HTMLButtonElement> & { asChild?: boolean };

export function SheetTrigger({ asChild = false, onClick, ...props }: ButtonLikeProps) {
  const sheet = useSheet();
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      ref={sheet.trigger as RefObject<HTMLButtonElement>}
      type={asChild ? undefined : 'button'}
      aria-haspopup="dialog"
      aria-expanded={sheet.open}
      aria-controls={sheet.contentId}
      data-state={sheet.open ? 'open' : 'closed'}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) sheet.setOpen(true);
      }}
      {...props}
    />
  );
}

const sheetVariants = cva(
  [
    // The dialog's own box (centred, capped, padded by the browser) gives way to the panel's.
    'fixed m-0 max-w-none flex-col gap-4 overflow-y-auto bg-surface p-5 text-ink shadow-lg open:flex',
    'backdrop:bg-overlay',
  ],
  {
    variants: {
      side: {
        right: 'inset-y-0 right-0 left-auto h-full max-h-none w-[min(20rem,85vw)] border-l border-line',
        left: 'inset-y-0 left-0 right-auto h-full max-h-none w-[min(20rem,85vw)] border-r border-line',
        top: 'inset-x-0 top-0 bottom-auto max-h-[85dvh] w-full border-b border-line',
        bottom: 'inset-x-0 bottom-0 top-auto max-h-[85dvh] w-full rounded-t-xl border-t border-line',
      },
    },
    defaultVariants: { side: 'right' },
  },
);

export function SheetContent({
  side,
  className,
  children,
  ...props
}: DialogHTMLAttributes<HTMLDialogElement> & VariantProps<typeof sheetVariants>) {
  const sheet = useSheet();
  const dialog = useRef<HTMLDialogElement>(null);
  const { open, setOpen, trigger } = sheet;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) {
      element.close();
      trigger.current?.focus();
    }
  }, [open, trigger]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the shade, which Escape stands for on a keyboard
    <dialog
      ref={dialog}
      id={sheet.contentId}
      aria-labelledby={sheet.titleId}
      data-slot="sheet-content"
      data-state={open ? 'open' : 'closed'}
      // Escape closes the dialog itself; the state follows.
      onClose={() => {
        setOpen(false);
        trigger.current?.focus();
      }}
      onClick={(event) => {
        // A click on the shade around the panel lands on the dialog element, outside its box.
        const box = event.currentTarget.getBoundingClientRect();
        const inside =
          event.clientX >= box.left &&
          event.clientX <= box.right &&
          event.clientY >= box.top &&
          event.clientY <= box.bottom;
        if (event.target === event.currentTarget && !inside) setOpen(false);
      }}
      className={cn(sheetVariants({ side }), className)}
      {...props}
    >
      {open ? (
        <>
          {children}
          <button
            type="button"
            onClick={() => setOpen(false)}
            className={cn('absolute top-3 right-3 cursor-pointer rounded-sm p-1 text-muted hover:text-ink', focusRing)}
          >
            <X className="size-5" aria-hidden />
            <span className="sr-only">Close</span>
          </button>
        </>
      ) : null}
    </dialog>
  );
}

export function SheetHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('flex flex-col gap-1 pr-8', className)} {...props} />;
}

export function SheetTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  const sheet = useSheet();
  return <h2 id={sheet.titleId} className={cn('text-lg font-semibold', className)} {...props} />;
}
