import type { CsvRowError } from '../../../core/draft/csv-import';
import type { DraftSnapshot } from '../../../core/draft/model';
import { CsvImport } from '../csv-import';
import { SeriesForm } from '../series-form';
import { WorkshopCard, type WorkshopChange } from './workshop-card';

interface Props {
  snapshot: DraftSnapshot;
  placing: string;
  block: string;
  rooms: { id: string; title: string }[];
  timeZone: string;
  onPlace(key: string): void;
  onAdd(fields: { title: string; capacity: number; isPublic: boolean }): void;
  onChange(key: string, change: WorkshopChange): void;
  onDescribe(key: string): void;
  onDelete(key: string): void;
  onSeries(resourceId: string, sessions: { startsAt: string; endsAt: string }[]): void;
  onImport(text: string): { imported: number; errors: CsvRowError[] };
  /** The open description editor, shown under the cards. */
  children?: React.ReactNode;
}

/** The season's workshop cards, edited in place, and the ways to add sessions: new card, weekly series, CSV. */
export function WorkshopCards(props: Props) {
  const { snapshot, placing, block } = props;
  const sessionCounts = new Map<string, number>();
  for (const s of Object.values(snapshot.sessions))
    sessionCounts.set(s.workshopKey, (sessionCounts.get(s.workshopKey) ?? 0) + 1);
  return (
    <aside className="workshop-cards" aria-labelledby="workshops-title">
      <h2 id="workshops-title">Workshops</h2>
      <ul className="workshop-card-list">
        {Object.values(snapshot.workshops).map((w) => (
          <WorkshopCard
            key={w.key}
            workshop={w}
            sessionCount={sessionCounts.get(w.key) ?? 0}
            placing={placing === w.key}
            onPlace={() => props.onPlace(w.key)}
            onChange={(change) => props.onChange(w.key, change)}
            onDescribe={() => props.onDescribe(w.key)}
            onDelete={() => props.onDelete(w.key)}
          />
        ))}
      </ul>
      {props.children}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          const title = String(data.get('title') ?? '').trim();
          const capacity = Number(data.get('capacity'));
          if (!title || !Number.isInteger(capacity) || capacity < 0) return;
          props.onAdd({ title, capacity, isPublic: data.get('isPublic') === 'on' });
          form.reset();
        }}
        className="new-workshop"
        aria-label="New workshop"
      >
        <label className="field">
          Title <input name="title" required maxLength={200} />
        </label>
        <div className="workshop-card-row">
          <label className="field">
            Seats <input name="capacity" type="number" min={0} max={10_000} defaultValue={10} required />
          </label>
          <label className="checkbox">
            <input name="isPublic" type="checkbox" defaultChecked /> Public
          </label>
        </div>
        <button type="submit" className="secondary">
          Add workshop
        </button>
      </form>
      <SeriesForm
        workshopTitle={placing === block ? undefined : snapshot.workshops[placing]?.title}
        rooms={props.rooms}
        timeZone={props.timeZone}
        onCreate={props.onSeries}
      />
      <CsvImport onImport={props.onImport} />
    </aside>
  );
}
