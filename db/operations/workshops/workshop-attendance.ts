import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { workshopRegistrations } from '../../schema/index';

export interface AttendanceCounts {
  attended: number;
  noShow: number;
}

/** Per workshop, how many people staff marked as attended and as no-show, over all its sessions. */
export async function attendanceByWorkshop(db: Executor, orgId: string): Promise<Map<string, AttendanceCounts>> {
  const rows = await db
    .select({
      workshopId: workshopRegistrations.workshopId,
      attended: sql<number>`count(*) filter (where ${workshopRegistrations.status} = 'attended')`.mapWith(Number),
      noShow: sql<number>`count(*) filter (where ${workshopRegistrations.status} = 'no_show')`.mapWith(Number),
    })
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), inArray(workshopRegistrations.status, ['attended', 'no_show'])))
    .groupBy(workshopRegistrations.workshopId);
  return new Map(rows.map(({ workshopId, ...counts }) => [workshopId, counts]));
}

/** "75% attended · 25% no-show (of 8 marked)", or a dash while nobody has been marked. */
export function attendanceLabel(counts: AttendanceCounts | undefined): string {
  const marked = (counts?.attended ?? 0) + (counts?.noShow ?? 0);
  if (!counts || marked === 0) return '—';
  const percent = (n: number) => `${Math.round((n / marked) * 100)}%`;
  return `${percent(counts.attended)} attended · ${percent(counts.noShow)} no-show (of ${marked} marked)`;
}
