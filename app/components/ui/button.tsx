import { Slot } from '@radix-ui/react-slot';
import { cva, type VariantProps } from 'class-variance-authority';
import { forwardRef, type ButtonHTMLAttributes, type MouseEvent, type MouseEventHandler } from 'react';
import { cn } from './cn';
import { focusRing } from './focus';

export const buttonVariants = cva(
  [
    'inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors',
    'disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50',
    '[&_svg]:size-4 [&_svg]:shrink-0 cursor-pointer',
    focusRing,
  ],
  {
    variants: {
      variant: {
        primary: 'bg-accent text-accent-foreground shadow-sm hover:bg-accent/90',
        secondary: 'border border-input bg-surface text-ink shadow-sm hover:bg-subtle',
        ghost: 'text-ink hover:bg-subtle',
        danger: 'bg-danger text-danger-foreground shadow-sm hover:bg-danger/90',
        link: 'h-auto px-0 text-accent-text underline underline-offset-4 hover:no-underline',
      },
      size: {
        sm: 'h-8 px-3',
        md: 'h-10 px-4',
        lg: 'h-11 px-6 text-base',
        icon: 'size-10',
      },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, VariantProps<typeof buttonVariants> {
  /** Render the child (a Link, an <a>) with the button's look instead of a <button>. */
  asChild?: boolean;
}

/**
 * A press on a button of a form leaves the focus where it is until the click, as Safari always does.
 * Otherwise the field it leaves is checked on mouse-down, its message or the form's error summary
 * pushes the button away, and the mouse comes up beside it: the click is lost. The click still
 * submits (and checks) the whole form, or does what the button does.
 */
function keepFocusUntilClick(handler: MouseEventHandler<HTMLButtonElement> | undefined) {
  return (event: MouseEvent<HTMLButtonElement>) => {
    handler?.(event);
    if (!event.defaultPrevented && event.button === 0 && event.currentTarget.form) event.preventDefault();
  };
}

/** A button; `asChild` gives a link the same look. Default `type` is "button" so it never submits by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(
  ({ className, variant, size, asChild = false, type, onMouseDown, ...props }, ref) => {
    const Comp = asChild ? Slot : 'button';
    return (
      <Comp
        ref={ref}
        data-slot="button"
        type={asChild ? undefined : (type ?? 'button')}
        className={cn(buttonVariants({ variant, size }), className)}
        onMouseDown={asChild ? onMouseDown : keepFocusUntilClick(onMouseDown)}
        {...props}
      />
    );
  },
);
Button.displayName = 'Button';
