import { Slot } from '@radix-ui/react-slot';
import {
  type ButtonHTMLAttributes,
  createContext,
  type HTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cn } from './cn';

/*
 * A menu button as the WAI-ARIA pattern has it, without a positioning library, so the pages that show
 * one (the header's person menu, on every public page) stay light: Enter, Space or ↓ open it on the
 * first item, ↑ on the last; ↑ ↓ Home End and a letter move; Escape closes it back to the button; Tab
 * closes it and moves on; a click elsewhere closes it. The menu drops below its button, aligned to one
 * edge: it is for the edges of a header, not for anywhere on a page.
 */

type OpenFocus = 'first' | 'last' | 'menu';

interface MenuState {
  open: boolean;
  show: (focus: OpenFocus) => void;
  /** Closes the menu; `toTrigger` gives focus back to its button (not on a click elsewhere). */
  hide: (toTrigger: boolean) => void;
  triggerId: string;
  contentId: string;
  trigger: RefObject<HTMLElement | null>;
  content: RefObject<HTMLDivElement>;
}

const MenuContext = createContext<MenuState | null>(null);

function useMenu(): MenuState {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error('A DropdownMenu part is outside its <DropdownMenu>.');
  return menu;
}

const itemsOf = (content: HTMLElement | null) =>
  [...(content?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].filter(
    (item) => item.getAttribute('aria-disabled') !== 'true',
  );

/** A menu of links and actions (the person's menu in the header). */
export function DropdownMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const openFocus = useRef<OpenFocus>('menu');
  const trigger = useRef<HTMLElement | null>(null);
  const content = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const show = useCallback((focus: OpenFocus) => {
    openFocus.current = focus;
    setOpen(true);
  }, []);
  const hide = useCallback((toTrigger: boolean) => {
    setOpen(false);
    if (toTrigger) trigger.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const items = itemsOf(content.current);
    const target =
      openFocus.current === 'menu' ? content.current : items[openFocus.current === 'first' ? 0 : items.length - 1];
    target?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) hide(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open, hide]);

  const state = useMemo(
    () => ({ open, show, hide, triggerId: `${id}-trigger`, contentId: `${id}-menu`, trigger, content }),
    [open, show, hide, id],
  );
  return (
    <MenuContext.Provider value={state}>
      <div ref={root} data-slot="dropdown-menu" className="relative flex">
        {children}
      </div>
    </MenuContext.Provider>
  );
}

/** The button that opens the menu; `asChild` lends these props to a `Button`. */
export function DropdownMenuTrigger({
  asChild = false,
  onClick,
  onKeyDown,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { asChild?: boolean }) {
  const menu = useMenu();
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      ref={menu.trigger as RefObject<HTMLButtonElement>}
      id={menu.triggerId}
      type={asChild ? undefined : 'button'}
      aria-haspopup="menu"
      aria-expanded={menu.open}
      aria-controls={menu.open ? menu.contentId : undefined}
      data-state={menu.open ? 'open' : 'closed'}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        // A click from Enter or Space has no pointer (detail 0): the keyboard lands on the first item.
        if (menu.open) menu.hide(false);
        else menu.show(event.detail === 0 ? 'first' : 'menu');
      }}
      onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
        event.preventDefault();
        menu.show(event.key === 'ArrowDown' ? 'first' : 'last');
      }}
      {...props}
    />
  );
}

function moveFocus(event: KeyboardEvent<HTMLDivElement>, menu: MenuState): void {
  const items = itemsOf(menu.content.current);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  const targets: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at === -1 ? last : at - 1,
    Home: 0,
    PageUp: 0,
    End: last,
    PageDown: last,
  };
  let target = targets[event.key];
  if (event.key === 'Escape') {
    event.preventDefault();
    menu.hide(true);
  } else if (event.key === 'Tab') {
    // Focus goes back to the button first, so Tab moves on from there as if the menu were not open.
    menu.hide(true);
  } else if (event.key === ' ' && document.activeElement instanceof HTMLAnchorElement) {
    // Space chooses a link item as Enter does (on a link alone it would scroll the page).
    event.preventDefault();
    document.activeElement.click();
  } else if (target === undefined && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    // A letter moves to the next item that starts with it.
    const letter = event.key.toLowerCase();
    const next = [...items.slice(at + 1), ...items.slice(0, at + 1)].find((item) =>
      item.textContent?.trim().toLowerCase().startsWith(letter),
    );
    if (next) target = items.indexOf(next);
  }
  if (target === undefined) return;
  event.preventDefault();
  items[Math.max(0, Math.min(last, target))]?.focus();
}

/** The open menu, under its button. `align="end"` lines it up with the button's right edge. */
export function DropdownMenuContent({
  className,
  align = 'end',
  children,
  ...props
}: HTMLAttributes<HTMLDivElement> & { align?: 'start' | 'end' }) {
  const menu = useMenu();
  if (!menu.open) return null;
  return (
    <div
      ref={menu.content}
      id={menu.contentId}
      role="menu"
      aria-labelledby={menu.triggerId}
      aria-orientation="vertical"
      tabIndex={-1}
      data-slot="dropdown-menu-content"
      data-state="open"
      onKeyDown={(event) => moveFocus(event, menu)}
      className={cn(
        'absolute top-full z-50 mt-1 min-w-48 rounded-md border border-line bg-surface p-1 text-ink shadow-md outline-none',
        align === 'end' ? 'right-0' : 'left-0',
        className,
      )}
      {...props}
    >
      {children}
    </div>
  );
}

/**
 * One choice: a button, or with `asChild` a link. `onSelect` runs on choosing it; the menu then
 * closes. The pointer moves focus with it, so one item is lit at a time.
 */
export function DropdownMenuItem({
  asChild = false,
  className,
  onSelect,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { asChild?: boolean; onSelect?: () => void }) {
  const menu = useMenu();
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      role="menuitem"
      tabIndex={-1}
      type={asChild ? undefined : 'button'}
      data-slot="dropdown-menu-item"
      className={cn(
        'relative flex w-full cursor-pointer select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm text-ink no-underline outline-none',
        'focus:bg-subtle aria-disabled:pointer-events-none aria-disabled:opacity-50 [&_svg]:size-4',
        className,
      )}
      onPointerMove={(event: MouseEvent<HTMLElement>) => {
        if (document.activeElement !== event.currentTarget) event.currentTarget.focus();
      }}
      onPointerLeave={() => menu.content.current?.focus()}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        onSelect?.();
        menu.hide(true);
      }}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-2 py-1.5 text-xs text-muted', className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: HTMLAttributes<HTMLHRElement>) {
  return <hr className={cn('-mx-1 my-1 h-px border-0 bg-line', className)} {...props} />;
}
