import { useState, type FormEvent } from 'react';
import { weeklySeries } from '../../core/draft/series';

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
  if (!workshopTitle) return <p className="muted">Pick a workshop card to plan a weekly series of it.</p>;
  return (
    <form onSubmit={submit} className="series-form">
      <h2>Weekly series of “{workshopTitle}”</h2>
      <label className="field">
        Room
        <select name="resourceId">
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        First date <input name="firstDate" type="date" required />
      </label>
      <div className="row">
        <label className="field">
          From <input name="start" type="time" defaultValue="18:00" required />
        </label>
        <label className="field">
          To <input name="end" type="time" defaultValue="20:00" required />
        </label>
      </div>
      <label className="field">
        Weeks <input name="weeks" type="number" min={1} max={52} defaultValue={6} required />
      </label>
      <button type="submit" className="secondary">
        Add the series
      </button>
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role="status">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
