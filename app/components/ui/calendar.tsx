import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ComponentProps } from 'react';
import { DayPicker } from 'react-day-picker';
import { buttonVariants } from './button';
import { cn } from './cn';

function Chevron({ orientation }: { orientation?: 'up' | 'down' | 'left' | 'right' }) {
  return orientation === 'left' ? (
    <ChevronLeft className="size-4" aria-hidden />
  ) : (
    <ChevronRight className="size-4" aria-hidden />
  );
}

/**
 * A month grid (react-day-picker): arrow keys move by day, Page Up/Down by month. Heavy for a public
 * page: load it through DatePicker, which fetches this module only when it is opened.
 */
export default function Calendar({ className, classNames, ...props }: ComponentProps<typeof DayPicker>) {
  return (
    <DayPicker
      className={cn('p-1', className)}
      classNames={{
        months: 'relative flex flex-col gap-4',
        month: 'flex flex-col gap-3',
        month_caption: 'flex h-8 items-center justify-center text-sm font-semibold',
        nav: 'absolute inset-x-0 top-0 flex items-center justify-between',
        button_previous: cn(buttonVariants({ variant: 'ghost', size: 'icon' }), 'size-8'),
        button_next: cn(buttonVariants({ variant: 'ghost', size: 'icon' }), 'size-8'),
        month_grid: 'border-collapse',
        weekdays: 'flex',
        weekday: 'w-9 text-center text-xs font-medium text-muted',
        week: 'mt-1 flex',
        day: 'size-9 p-0 text-center text-sm',
        day_button: cn(
          'size-9 cursor-pointer rounded-md hover:bg-subtle',
          'focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-1',
        ),
        selected: '[&>button]:bg-accent [&>button]:text-accent-foreground [&>button]:hover:bg-accent',
        today: '[&>button]:font-bold [&>button]:underline',
        outside: 'text-muted',
        disabled: 'opacity-40 [&>button]:cursor-not-allowed',
        hidden: 'invisible',
        ...classNames,
      }}
      components={{ Chevron }}
      {...props}
    />
  );
}
