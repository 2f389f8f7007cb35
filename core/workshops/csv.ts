/**
 * What a spreadsheet may read as the start of a formula: = + - @, tab and CR, their full-width and
 * small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣, which some spreadsheets fold to the ASCII ones), even after spaces.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63]|^[\t\r\n]/;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection). */
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
