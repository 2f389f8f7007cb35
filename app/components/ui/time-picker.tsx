import { forwardRef, type SelectHTMLAttributes } from 'react';
import { NativeSelect } from './native-select';

/** "HH:mm" for every `stepMinutes` between `from` and `to` (inclusive), e.g. 09:00, 09:15 … */
export function timesOfDay({ from = '00:00', to = '23:59', stepMinutes = 15 } = {}): string[] {
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const step = Math.min(Math.max(Math.trunc(stepMinutes), 1), 720);
  const times: string[] = [];
  for (let minute = minutesOf(from); minute <= minutesOf(to); minute += step) {
    times.push(`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
  }
  return times;
}

/**
 * A time of day chosen from a list (posts "HH:mm"): works without JavaScript, on every phone, and
 * shows each time the way `formatTime` writes it (pass the organization's formatter for its 12- or
 * 24-hour clock). A value not on the list (an old booking at 10:07) is kept as an extra choice.
 */
export const TimePicker = forwardRef<
  HTMLSelectElement,
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
    from?: string;
    to?: string;
    stepMinutes?: number;
    formatTime?: (hhmm: string) => string;
    placeholder?: string;
  }
>(({ from, to, stepMinutes, formatTime = (t) => t, placeholder, ...props }, ref) => {
  const times = timesOfDay({ from, to, stepMinutes });
  const current = String(props.value ?? props.defaultValue ?? '');
  if (/^\d{2}:\d{2}$/.test(current) && !times.includes(current)) times.push(current);
  times.sort();
  return (
    <NativeSelect ref={ref} data-slot="time-picker" {...props}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {times.map((time) => (
        <option key={time} value={time}>
          {formatTime(time)}
        </option>
      ))}
    </NativeSelect>
  );
});
TimePicker.displayName = 'TimePicker';
