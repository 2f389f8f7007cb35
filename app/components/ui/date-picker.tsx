import { CalendarDays } from 'lucide-react';
import { forwardRef, lazy, Suspense, useImperativeHandle, useRef, useState, type InputHTMLAttributes } from 'react';
import { useHydrated } from '../forms/use-hydrated';
import { Button } from './button';
import { cn } from './cn';
import { Input } from './input';
import { Popover, PopoverContent, PopoverTrigger } from './popover';

// The month grid is loaded the first time someone opens a picker, so public pages do not carry it.
const Calendar = lazy(() => import('./calendar'));

/** "2026-03-08" as a Date at local midnight (the picker's grid is in days, not instants). */
function dayOf(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * A date field that posts "YYYY-MM-DD": the browser's date input (typing, and forms without
 * JavaScript) with a button that opens a month grid once the page is hydrated.
 */
export const DatePicker = forwardRef<
  HTMLInputElement,
  Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { calendarLabel?: string }
>(({ className, calendarLabel = 'Choose a date from a calendar', defaultValue, value, onChange, ...props }, ref) => {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!);
  const [day, setDay] = useState(String(value ?? defaultValue ?? ''));
  const pick = (date: Date | undefined) => {
    if (!date || !input.current) return;
    // Set through the native setter and an input event, so Conform and any onChange hear of it.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input.current, isoDay(date));
    input.current.dispatchEvent(new Event('input', { bubbles: true }));
    setDay(isoDay(date));
    setOpen(false);
    input.current.focus();
  };
  return (
    <div className={cn('flex w-full gap-2', className)}>
      <Input
        ref={input}
        type="date"
        defaultValue={value === undefined ? defaultValue : undefined}
        value={value}
        onChange={(event) => {
          setDay(event.currentTarget.value);
          onChange?.(event);
        }}
        {...props}
      />
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button variant="secondary" size="icon" disabled={!hydrated || props.disabled} aria-label={calendarLabel}>
            <CalendarDays aria-hidden />
          </Button>
        </PopoverTrigger>
        <PopoverContent align="end" className="w-auto">
          <Suspense fallback={<p className="p-4 text-sm text-muted">Loading the calendar…</p>}>
            <Calendar mode="single" selected={dayOf(day)} defaultMonth={dayOf(day)} onSelect={pick} autoFocus />
          </Suspense>
        </PopoverContent>
      </Popover>
    </div>
  );
});
DatePicker.displayName = 'DatePicker';
