import { useState } from 'react';
import type { CsvRowError } from '../../core/draft/csv-import';
import { useHydrated } from './forms/use-hydrated';
import { Input } from './ui/input';
import { Label } from './ui/label';

/** A CSV file picker for the board; what it imports and what it refuses is reported row by row. */
export function CsvImport({ onImport }: { onImport: (text: string) => { imported: number; errors: CsvRowError[] } }) {
  const hydrated = useHydrated();
  const [report, setReport] = useState<{ imported: number; errors: CsvRowError[] }>();
  return (
    <div className="csv-import flex flex-col gap-2">
      <h2 className="text-base font-semibold">Import a CSV</h2>
      <p id="csv-columns" className="text-sm text-muted">
        Columns: workshop, room, date (YYYY-MM-DD), start, end (HH:MM, local time).
      </p>
      <Label htmlFor="csv-file" className="sr-only">
        CSV file to import
      </Label>
      <Input
        id="csv-file"
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file to import"
        aria-describedby="csv-columns"
        disabled={!hydrated}
        className="h-auto py-1.5 file:mr-3 file:rounded-sm file:border-0 file:bg-subtle file:px-2 file:py-1 file:text-sm file:font-medium file:text-ink"
        onChange={async (event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (file) setReport(onImport(await file.text()));
          input.value = '';
        }}
      />
      {report ? (
        <div
          role="status"
          className={`csv-report rounded-md border p-3 text-sm ${report.errors.length ? 'border-warning/30 bg-warning-subtle' : 'border-success/30 bg-success-subtle text-success'}`}
        >
          <p className="font-medium">
            {report.imported} session{report.imported === 1 ? '' : 's'} imported
            {report.errors.length
              ? `, ${report.errors.length} row${report.errors.length === 1 ? '' : 's'} refused:`
              : '.'}
          </p>
          {report.errors.length ? (
            <ul className="mt-1 list-disc pl-5 text-danger">
              {report.errors.map((e) => (
                <li key={e.row}>
                  Row {e.row}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
