import type { DraftAccess } from '../../../core/draft/access';
import type { ExistingBooking } from '../../../core/draft/conflicts';
import { planFixAll, type FixAllPlan } from '../../../core/draft/fix-all';
import { seasonSpan } from '../../../core/draft/season-span';
import { readDraft, type DraftSnapshot } from '../../../core/draft/model';
import { describeSuggestion, timeWordsOf } from '../../../core/draft/problem-words';
import type { RepairContext } from '../../../core/draft/repair-planner';
import { suggestRepairs, type ItemSuggestions, type Suggestion } from '../../../core/draft/suggestions';
import { AppError } from '../../../core/errors';
import type { Executor } from '../../client';
import { loadBookingsOutsideSeason, loadResourceFacts } from './publish-state';
import type { Season } from './seasons';
import { organizationTimeFormatter } from '../accounts/organizations';

/** The most draft items a search reads (the API's own limit is 5,000 sessions and 5,000 blocks). */
export const MAX_DRAFT_ITEMS = 10_000;
/** The most live bookings a fix-all plan weighs; a calendar fuller than this is refused, not half-read. */
export const MAX_BOOKINGS_READ = 50_000;
const DAY = 86_400_000;

export type SuggestionRequest = { sessionId: string } | { all: true };

export type SuggestionAnswer =
  | (ItemSuggestions & { suggestions: (Suggestion & { summary: string })[] })
  | ({ all: true } & FixAllPlan);

/** Live bookings outside this season on any of the organization's resources in [from, to): refused, not half-read, past the bound. */
async function loadBookingsBetween(
  db: Executor,
  input: { orgId: string; seasonId: string; from: Date; to: Date; now: Date },
): Promise<ExistingBooking[]> {
  const rows = await loadBookingsOutsideSeason(db, { ...input, limit: MAX_BOOKINGS_READ + 1 });
  if (rows.length > MAX_BOOKINGS_READ)
    throw new AppError(
      'invalid_state',
      `More than ${MAX_BOOKINGS_READ} live bookings fall in this season: too many to weigh in one plan`,
    );
  return rows;
}

/** The span of time the answer depends on: the item's week (a day either side) for one item, the season and every item for a plan. */
function readWindow(draft: DraftSnapshot, request: SuggestionRequest, season: { from: Date; to: Date }) {
  const times = (item: { startsAt: unknown; endsAt: unknown } | undefined) =>
    [Date.parse(String(item?.startsAt)), Date.parse(String(item?.endsAt))].filter((ms) => !Number.isNaN(ms));
  if ('sessionId' in request) {
    const id = request.sessionId;
    const item = Object.hasOwn(draft.sessions, id)
      ? draft.sessions[id]
      : Object.hasOwn(draft.blocks, id)
        ? draft.blocks[id]
        : undefined;
    const span = times(item);
    if (span.length < 2) return undefined;
    return { from: new Date(Math.min(...span) - 8 * DAY), to: new Date(Math.max(...span) + 8 * DAY) };
  }
  let [from, to] = [season.from.getTime(), season.to.getTime()];
  for (const item of [...Object.values(draft.sessions), ...Object.values(draft.blocks)]) {
    for (const ms of times(item)) [from, to] = [Math.min(from, ms), Math.max(to, ms)];
  }
  return { from: new Date(from), to: new Date(to) };
}

/**
 * Repairs for the live draft of a season (docs/design.md §5, ADR 035): the nearest fixes for one
 * session or block, or a fix-all plan. Reads the draft through the collab server, the resources and
 * the live bookings the answer depends on; writes nothing (applying is the board's one transaction).
 */
export async function suggestForLiveDraft(
  db: Executor,
  drafts: DraftAccess,
  input: { season: Season; timeZone: string; request: SuggestionRequest; now?: Date },
): Promise<SuggestionAnswer> {
  const { season, request } = input;
  const now = input.now ?? new Date();
  const draft = await drafts.change(season.orgId, season.id, (doc) => readDraft(doc, { descriptions: false }));
  const items = Object.keys(draft.sessions).length + Object.keys(draft.blocks).length;
  if (items > MAX_DRAFT_ITEMS)
    throw new AppError(
      'invalid_state',
      `The draft holds ${items} items; suggestions are worked out for drafts of at most ${MAX_DRAFT_ITEMS}`,
    );
  const within = seasonSpan(season, input.timeZone);
  const window = readWindow(draft, request, within);
  const notInDraft = (id: string) =>
    new AppError('not_found', `sessionId: the draft has no session or block "${id}" with readable times`, {
      fields: { sessionId: ['is not a session or block of this draft'] },
    });
  if ('sessionId' in request && !window) throw notInDraft(request.sessionId);
  const resources = await loadResourceFacts(db, season.orgId);
  const existing = window
    ? await loadBookingsBetween(db, { orgId: season.orgId, seasonId: season.id, ...window, now })
    : [];
  const context: RepairContext = { resources, existing, within };
  if ('all' in request) return { all: true, ...planFixAll(draft, context) };
  const answer = suggestRepairs(draft, context, request.sessionId);
  if (!answer) throw notInDraft(request.sessionId);
  // Summaries read as the board words them: in the organization's zone, locale and clock.
  const words = timeWordsOf(await organizationTimeFormatter(db, season.orgId));
  return {
    ...answer,
    suggestions: answer.suggestions.map((suggestion) => ({
      ...suggestion,
      summary: describeSuggestion(suggestion, resources, words),
    })),
  };
}
