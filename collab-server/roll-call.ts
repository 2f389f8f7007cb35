import type { Database } from '../db/client';
import { findStaffSessions, MOST_SESSIONS_PER_CHECK } from '../db/operations/accounts/staff-sessions';

/**
 * How long background renewals of one organization's co-editors gather before they go to the
 * database as one query. Well inside what a renewal may take (RENEW_AFTER_MS before the check goes
 * stale), and a renewal's check counts from when it was asked for, before the gathering.
 */
export const GATHER_MS = 200;

interface Asking {
  token: string;
  answer: (userId: string | undefined) => void;
  fail: (error: unknown) => void;
}

/**
 * Checks co-editors' sessions and roles in groups: with 50 people on one draft, renewing each one's
 * check apart cost two queries per person each second or two. Background renewals of the same
 * organization gather for GATHER_MS into one query; a check someone's message is waiting for goes
 * at once.
 */
export class RollCall {
  private readonly gathering = new Map<string, Asking[]>();

  constructor(private readonly db: Database) {}

  /** The user the session is still signed in as, staff or admin of the organization; undefined if not. */
  staffUser(orgId: string, token: string, options: { waiting: boolean }): Promise<string | undefined> {
    return new Promise((answer, fail) => {
      const asking = { token, answer, fail };
      if (options.waiting) return void this.ask(orgId, [asking]);
      const group = this.gathering.get(orgId);
      if (group) {
        group.push(asking);
        if (group.length >= MOST_SESSIONS_PER_CHECK) this.send(orgId);
        return;
      }
      this.gathering.set(orgId, [asking]);
      setTimeout(() => this.send(orgId), GATHER_MS).unref();
    });
  }

  private send(orgId: string): void {
    const group = this.gathering.get(orgId);
    this.gathering.delete(orgId);
    if (group) void this.ask(orgId, group);
  }

  private async ask(orgId: string, group: Asking[]): Promise<void> {
    try {
      const staff = await findStaffSessions(this.db, orgId, [...new Set(group.map((asking) => asking.token))]);
      for (const asking of group) asking.answer(staff.get(asking.token));
    } catch (error) {
      for (const asking of group) asking.fail(error);
    }
  }
}
