import { useState, type FormEvent } from 'react';
import { weeklySeries } from '../../core/draft/series';
import { useHydrated } from './forms/use-hydrated';
import { Button } from './ui/button';
import { Input } from './ui/input';
import { Label } from './ui/label';
import { NativeSelect } from './ui/native-select';

/** "Every Tuesday 18:00–20:00 for 6 weeks" for the workshop card being placed. */
export function SeriesForm({
  workshopTitle,
  rooms,
  timeZone,
  onCreate,
}: {
  workshopTitle?: string;
  rooms: { id: string; title: string }[];
  timeZone: string;
  onCreate: (resourceId: string, sessions: { startsAt: string; endsAt: string }[]) => void;
}) {
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      const sessions = weeklySeries({
        firstDate: String(data.get('firstDate')),
        start: String(data.get('start')),
        end: String(data.get('end')),
        weeks: Number(data.get('weeks')),
        timeZone,
      });
      onCreate(String(data.get('resourceId')), sessions);
      setMessage({ ok: true, text: `${sessions.length} sessions added.` });
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };
  if (!workshopTitle) return <p className="text-sm text-muted">Pick a workshop card to plan a weekly series of it.</p>;
  return (
    <form onSubmit={submit} className="series-form flex flex-col gap-3">
      <h2 className="text-base font-semibold">Weekly series of “{workshopTitle}”</h2>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="series-room">Room</Label>
        <NativeSelect id="series-room" name="resourceId">
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="series-first-date">First date</Label>
        <Input id="series-first-date" name="firstDate" type="date" required />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="series-start">From</Label>
          <Input id="series-start" name="start" type="time" defaultValue="18:00" required />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="series-end">To</Label>
          <Input id="series-end" name="end" type="time" defaultValue="20:00" required />
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="series-weeks">Weeks</Label>
        <Input id="series-weeks" name="weeks" type="number" min={1} max={52} defaultValue={6} required />
      </div>
      <Button type="submit" variant="secondary" className="self-start" disabled={!hydrated}>
        Add the series
      </Button>
      {message ? (
        <p
          role="status"
          className={message.ok ? 'text-sm font-medium text-success' : 'text-sm font-medium text-danger'}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
