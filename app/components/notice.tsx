import { cva, type VariantProps } from 'class-variance-authority';
import { CircleAlert, CircleCheck, Info } from 'lucide-react';
import type { HTMLAttributes } from 'react';
import { cn } from './ui/cn';

const noticeVariants = cva('flex items-start gap-2 rounded-md border p-3 text-sm', {
  variants: {
    tone: {
      success: 'border-success/30 bg-success-subtle text-success',
      info: 'border-info/30 bg-info-subtle text-info',
      warning: 'border-warning/30 bg-warning-subtle text-warning',
      danger: 'border-danger/30 bg-danger-subtle text-danger',
    },
  },
  defaultVariants: { tone: 'success' },
});

const ICONS = { success: CircleCheck, info: Info, warning: CircleAlert, danger: CircleAlert };

/**
 * An inline note of what an action did when the page answers without a redirect ("If ana@… has an
 * account, a sign-in link is on its way."). role=status: screen readers read it when it appears.
 */
export function Notice({
  tone = 'success',
  className,
  children,
  ...props
}: HTMLAttributes<HTMLDivElement> & VariantProps<typeof noticeVariants>) {
  const Icon = ICONS[tone ?? 'success'];
  return (
    <div role="status" data-slot="notice" className={cn(noticeVariants({ tone }), className)} {...props}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>{children}</div>
    </div>
  );
}
