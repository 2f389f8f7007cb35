import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { findProblems, plannedItems, plannedWindow, type Problem } from '../../../core/draft/conflicts';
import { invalidItemProblems, withoutInvalidItems } from '../../../core/draft/item-checks';
import { diffDraft, isEmptyDiff, type DraftDiff } from '../../../core/draft/diff';
import type { DraftAccess } from '../../../core/draft/access';
import { draftMaps, readDraft, type DraftSnapshot } from '../../../core/draft/model';
import { diffWorkshops, type WorkshopChanges } from '../../../core/draft/workshop-diff';
import { AppError } from '../../../core/errors';
import type { Database } from '../../client';
import { EXCLUSION_VIOLATION, pgErrorInfo } from '../../pg-errors';
import { bookings, seasons } from '../../schema/index';
import { recordAudit } from '../audit';
import { cancelExpiredHolds } from '../bookings/holds';
import { applyDiff } from './publish-apply';
import { loadBookingsInTheWay, loadPublishedItems, loadPublishedWorkshops, loadResourceFacts } from './publish-state';
import { enqueueEvent } from '../outbox/outbox';
import { previewPublishEmails, publishedSessionLinks, type EmailPreview } from './publish-people';

export interface PublishReport {
  published: boolean;
  dryRun: boolean;
  revision: number;
  diff: DraftDiff;
  /** Workshop cards new since the last publish, or changed (title, seats, tags, public, description). */
  workshops: WorkshopChanges;
  conflicts: Problem[];
  warnings: Problem[];
  publishedAt?: string;
  publishedBy?: string | null;
  counts?: { added: number; moved: number; changed: number; removed: number; unchanged: number };
  /** The emails this publish sends (would send, for a dry run), one example per kind. */
  emails: EmailPreview[];
  /** People on a moved or removed session: everyone the emails go to. */
  told: number;
  /** After publishing: the sessions it added, moved or changed, for links to their pages. */
  links?: { title: string; sessionId: string; startsAt: string }[];
}

/** Thrown inside the transaction to roll it back while still answering with a report. */
class Refused extends Error {
  constructor(readonly report: PublishReport) {
    super('publish refused');
  }
}

/**
 * Turns exactly the given draft into bookings, all or nothing, serialized per season (the season
 * row is locked). Every hard problem is reported with both sides named and nothing is written;
 * an unchanged draft changes nothing. The exclusion constraint still has the last word: a booking
 * made elsewhere a moment ago fails the transaction and is reported like any other conflict.
 */
export async function publishSeason(
  db: Database,
  input: {
    orgId: string;
    seasonId: string;
    actor: Actor;
    draft: DraftSnapshot;
    dryRun?: boolean;
    now?: Date;
    /** Runs between the checks and the writes: where a test lets another booking slip in. */
    afterChecks?: () => Promise<void>;
  },
): Promise<PublishReport> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [season] = await tx
        .select()
        .from(seasons)
        .where(and(eq(seasons.id, input.seasonId), eq(seasons.orgId, input.orgId)))
        .for('update');
      if (!season) throw new AppError('not_found', `No season ${input.seasonId} in this organization`);
      // Items written wrong through the socket are reported by findProblems and planned by nothing.
      const draft = withoutInvalidItems(input.draft, invalidItemProblems(input.draft));
      const planned = plannedItems(draft);
      const [resources, published, inTheWay] = [
        await loadResourceFacts(tx, input.orgId),
        await loadPublishedItems(tx, input.seasonId),
        await loadBookingsInTheWay(tx, input.orgId, input.seasonId, planned, now),
      ];
      const problems = findProblems(input.draft, { resources, existing: inTheWay });
      const diff = diffDraft(planned, published);
      const publishedWorkshops = await loadPublishedWorkshops(tx, input.seasonId);
      const workshopChanges = diffWorkshops(Object.values(draft.workshops), publishedWorkshops);
      const report: PublishReport = {
        published: false,
        dryRun: Boolean(input.dryRun),
        revision: season.publishedRevision,
        diff,
        workshops: workshopChanges,
        conflicts: problems.filter((p) => p.severity === 'hard'),
        warnings: problems.filter((p) => p.severity === 'soft'),
        emails: [],
        told: 0,
      };
      report.emails = await previewPublishEmails(tx, input.orgId, diff);
      report.told = report.emails.reduce((sum, email) => sum + email.recipients, 0);
      if (report.conflicts.length || input.dryRun) throw new Refused(report);
      await input.afterChecks?.();

      const workshopsChanged = await applyDiff(tx, {
        orgId: input.orgId,
        seasonId: input.seasonId,
        actor: input.actor,
        draft,
        planned,
        diff,
        publishedWorkshops,
        workshopChanges,
        now,
        cancelExpiredHoldsInWay: () => cancelHoldsInWay(tx, input.orgId, planned, now),
      });
      const counts = {
        added: diff.added.length,
        moved: diff.moved.length,
        changed: diff.changed.length,
        removed: diff.removed.length,
        unchanged: diff.unchanged,
      };
      if (isEmptyDiff(diff) && !workshopsChanged) return { ...report, published: true, counts };

      const revision = season.publishedRevision + 1;
      const links = await publishedSessionLinks(tx, {
        seasonId: input.seasonId,
        draftIds: [...diff.added, ...diff.moved, ...diff.changed].filter((e) => e.kind === 'session').map((e) => e.id),
      });
      const final: PublishReport = {
        ...report,
        published: true,
        revision,
        counts,
        links,
        publishedAt: now.toISOString(),
        publishedBy: input.actor.id,
      };
      await tx
        .update(seasons)
        .set({
          publishedRevision: revision,
          publishedAt: now,
          lastPublishReport: final as unknown as Record<string, unknown>,
          updatedAt: now,
        })
        .where(eq(seasons.id, season.id));
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: input.actor,
        action: 'season.published',
        entityType: 'season',
        entityId: season.id,
        after: { revision, counts },
      });
      await enqueueEvent(tx, {
        orgId: input.orgId,
        topic: 'season.published',
        payload: { season: { id: season.id, name: season.name, revision }, counts },
      });
      return final;
    });
  } catch (error) {
    if (error instanceof Refused) return error.report;
    if (pgErrorInfo(error)?.code === EXCLUSION_VIOLATION) {
      // Someone booked a slot between our read and our write: report it as the conflict it is.
      const again = await publishSeason(db, { ...input, dryRun: true, now, afterChecks: undefined });
      if (again.conflicts.length) return { ...again, dryRun: false };
    }
    throw error;
  }
}

/**
 * Publishes the live draft (read through the collab server) and, unless it is a dry run, writes the
 * report into the document so every co-editor sees it. The board's button and the API both come here.
 */
export async function publishLiveDraft(
  db: Database,
  drafts: DraftAccess,
  input: { orgId: string; seasonId: string; actor: Actor; dryRun: boolean; publishedByName?: string },
): Promise<PublishReport> {
  const draft = await drafts.change(input.orgId, input.seasonId, readDraft);
  const report = await publishSeason(db, {
    orgId: input.orgId,
    seasonId: input.seasonId,
    actor: input.actor,
    draft,
    dryRun: input.dryRun,
  });
  if (!input.dryRun) {
    const shared = sharedReport(report, input.publishedByName);
    await drafts.change(input.orgId, input.seasonId, (doc) =>
      draftMaps(doc).publish.set('last', JSON.parse(JSON.stringify(shared))),
    );
  }
  return report;
}

/**
 * What every co-editor's board shows of a publish. Only this goes into the document: anyone who can
 * open the board holds it (and keeps it in the browser), so no registrant's name may be in it — the
 * email examples are addressed to one (ADR 038).
 */
function sharedReport(report: PublishReport, publishedByName?: string) {
  const { published, revision, publishedAt, counts, told, links } = report;
  return { published, revision, publishedAt, counts, told, links, ...(publishedByName ? { publishedByName } : {}) };
}

async function cancelHoldsInWay(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  orgId: string,
  planned: ReturnType<typeof plannedItems>,
  now: Date,
) {
  const window = plannedWindow(planned);
  if (!window) return;
  const { resourceIds, from, to } = window;
  await cancelExpiredHolds(
    tx,
    and(
      eq(bookings.orgId, orgId),
      inArray(bookings.resourceId, resourceIds),
      lt(bookings.startsAt, to),
      gt(bookings.endsAt, from),
    ),
    now,
    'an expired hold was in the way of a season publish',
  );
}
