/** The one machine-readable line every bench prints last: `RESULT {json}`. */
export function printResult(result: { bench: string } & Record<string, unknown>): void {
  console.log(`RESULT ${JSON.stringify(result)}`);
}
