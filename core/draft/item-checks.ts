import { draftBlockSchema, draftSessionSchema, draftWorkshopSchema, type DraftSnapshot } from './model';
import type { Problem, ProblemSide } from './conflicts';

/**
 * The collab socket lets any co-editor write any value into the draft (a capacity of -5, a date that
 * is not one, a room id that is not a uuid), bypassing the API's validation. Every item is checked
 * again here, against the same schemas, before anything reads it as a plan: each wrong field is a
 * hard problem naming the item and the field, and the item is left out of every other check.
 */
const KINDS = [
  { kind: 'workshop', list: 'workshops', schema: draftWorkshopSchema },
  { kind: 'session', list: 'sessions', schema: draftSessionSchema },
  { kind: 'block', list: 'blocks', schema: draftBlockSchema },
] as const;

function describe(kind: ProblemSide['kind'], id: string, value: unknown): ProblemSide {
  const fields = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const title =
    typeof fields.title === 'string' ? fields.title : typeof fields.workshopKey === 'string' ? fields.workshopKey : id;
  return { kind, id, title: title.slice(0, 200) };
}

export function invalidItemProblems(draft: DraftSnapshot): Problem[] {
  const problems: Problem[] = [];
  for (const { kind, list, schema } of KINDS) {
    for (const [id, value] of Object.entries(draft[list] as Record<string, unknown>)) {
      const result = schema.safeParse(value);
      if (result.success) continue;
      const item = describe(kind, id, value);
      for (const issue of result.error.issues) {
        const field = issue.path.join('.') || kind;
        problems.push({
          severity: 'hard',
          code: 'invalid_item',
          item,
          field,
          message: `The ${kind} "${item.title}" has a wrong ${field}: ${issue.message}`,
        });
      }
    }
  }
  return problems;
}

/** The draft without the items `problems` name as invalid: what the other checks and the diff read. */
export function withoutInvalidItems(draft: DraftSnapshot, problems: Problem[]): DraftSnapshot {
  const invalid = new Set(problems.filter((p) => p.code === 'invalid_item').map((p) => `${p.item.kind}:${p.item.id}`));
  if (invalid.size === 0) return draft;
  const keep = <T>(kind: string, items: Record<string, T>) =>
    Object.fromEntries(Object.entries(items).filter(([id]) => !invalid.has(`${kind}:${id}`)));
  return {
    workshops: keep('workshop', draft.workshops),
    sessions: keep('session', draft.sessions),
    blocks: keep('block', draft.blocks),
  };
}
