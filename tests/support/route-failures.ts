import type { Problem } from './page-audit';

export interface VisitResult {
  route: string;
  role: string;
  viewport: string;
  path: string;
  /** The answer's status and where the visit ended up, for the record (test-results/every-route/*.json). */
  status?: number;
  finalPath?: string;
  problems: Problem[];
}

/** Every failing visit with each of its reasons, one per line, so all of them can be mended in one go. */
export function failureList(results: VisitResult[]): string {
  const failing = results.filter((result) => result.problems.length > 0);
  const lines = failing.flatMap((result) => [
    `${result.route} as ${result.role} (${result.viewport}) ${result.path}`,
    ...result.problems.map(
      (problem) => `    ${problem.kind}${problem.kind === 'axe' ? ` ${problem.rule}` : ''}: ${problem.detail}`,
    ),
  ]);
  return `${failing.length} of ${results.length} visits failed:\n${lines.join('\n')}`;
}

/**
 * The same failures as Markdown, grouped by page and then by kind (overflow, the axe rule's id,
 * console, 5xx): each distinct reason once, with the roles and viewports it was seen at.
 */
export function failuresByPage(results: VisitResult[]): string {
  const byRoute = new Map<string, Map<string, Map<string, string[]>>>();
  for (const result of results) {
    for (const problem of result.problems) {
      const kinds = byRoute.get(result.route) ?? new Map<string, Map<string, string[]>>();
      byRoute.set(result.route, kinds);
      const kind = problem.kind === 'axe' ? `axe ${problem.rule}` : problem.kind;
      const details = kinds.get(kind) ?? new Map<string, string[]>();
      kinds.set(kind, details);
      const seenAt = details.get(problem.detail) ?? [];
      details.set(problem.detail, [...seenAt, `${result.role}/${result.viewport}`]);
    }
  }
  const sections = [...byRoute].map(([route, kinds]) => {
    const path = results.find((result) => result.route === route)!.path;
    const items = [...kinds].flatMap(([kind, details]) =>
      [...details].map(([detail, seenAt]) => `- **${kind}** (${seenAt.join(', ')}): ${detail}`),
    );
    return `### ${route} — \`${path}\`\n\n${items.join('\n')}`;
  });
  return sections.join('\n\n');
}
