import { SESSION_RECHECK_MS } from '../db/operations/accounts/session-cookie';

/** Once a check is this old, the next message starts the next one in the background. */
export const RENEW_AFTER_MS = SESSION_RECHECK_MS / 2;

interface Check {
  /** When the check started: what it found was true then, not when it answered. */
  startedAt: number;
  allowed: Promise<boolean>;
}

/**
 * Whether a person's connection may still write: their session and role, checked again while the
 * connection lasts. A message is only let through on a check that started at most SESSION_RECHECK_MS
 * ago, as before; what changes is who waits for it. A connection in steady use renews its check in
 * the background once it is RENEW_AFTER_MS old, so its messages find a fresh one and go straight
 * on; only a message that finds the check stale (the first after a pause) waits for the database.
 * Waiting on every message for a query held up that editor's edit, and every edit queued behind it,
 * once each SESSION_RECHECK_MS (ADR 036).
 */
export class Standing {
  private checkedAt: number;
  private running: Check | undefined;
  private refusal: Error | undefined;

  /**
   * @param lookUp asks the database whether the person still holds the session and the role (`waiting`:
   * a message waits for the answer, so it must not be gathered with others' checks)
   * @param cutOff closes the connection when a check run in the background finds they do not
   * @param refused the error a refused message throws (Hocuspocus then closes the connection)
   */
  constructor(
    private readonly lookUp: (waiting: boolean) => Promise<boolean>,
    private readonly cutOff: (error: Error) => void,
    private readonly refused: () => Error,
    checkedAt: number,
  ) {
    this.checkedAt = checkedAt;
  }

  /** Resolves when the connection may go on; throws (the message is refused) when it may not. */
  async beforeMessage(now = Date.now()): Promise<void> {
    if (this.refusal) throw this.refusal;
    const age = now - this.checkedAt;
    if (age < RENEW_AFTER_MS) return;
    if (age < SESSION_RECHECK_MS) {
      // Fresh enough for this message; the next check starts now, and its answer is not waited for.
      // A database error here only leaves the check to age: a stale one is waited for, and then throws.
      if (!this.running) this.start(now, false).allowed.catch(() => undefined);
      return;
    }
    // Stale: wait for a check that started within the window (one already running, or a new one).
    const check =
      this.running && now - this.running.startedAt < SESSION_RECHECK_MS ? this.running : this.start(now, true);
    if (!(await check.allowed)) throw this.refusal ?? this.refused();
  }

  private start(now: number, waiting: boolean): Check {
    const check: Check = {
      startedAt: now,
      allowed: this.lookUp(waiting).then((allowed) => {
        if (allowed) this.checkedAt = Math.max(this.checkedAt, check.startedAt);
        else if (!this.refusal) {
          this.refusal = this.refused();
          this.cutOff(this.refusal);
        }
        return allowed;
      }),
    };
    this.running = check;
    const done = () => {
      if (this.running === check) this.running = undefined;
    };
    check.allowed.then(done, done);
    return check;
  }
}
