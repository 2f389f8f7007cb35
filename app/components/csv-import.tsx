import { useState } from 'react';
import type { CsvRowError } from '../../core/draft/csv-import';

/** A CSV file picker for the board; what it imports and what it refuses is reported row by row. */
export function CsvImport({ onImport }: { onImport: (text: string) => { imported: number; errors: CsvRowError[] } }) {
  const [report, setReport] = useState<{ imported: number; errors: CsvRowError[] }>();
  return (
    <div className="csv-import">
      <h2>Import a CSV</h2>
      <p className="muted">Columns: workshop, room, date (YYYY-MM-DD), start, end (HH:MM, local time).</p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file to import"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          if (file) setReport(onImport(await file.text()));
          event.currentTarget.value = '';
        }}
      />
      {report ? (
        <div role="status" className="csv-report">
          <p>
            {report.imported} session{report.imported === 1 ? '' : 's'} imported
            {report.errors.length
              ? `, ${report.errors.length} row${report.errors.length === 1 ? '' : 's'} refused:`
              : '.'}
          </p>
          {report.errors.length ? (
            <ul>
              {report.errors.map((e) => (
                <li key={e.row} className="error">
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
