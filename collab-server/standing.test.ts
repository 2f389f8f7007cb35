import { describe, expect, it } from 'vitest';
import { SESSION_RECHECK_MS } from '../db/operations/accounts/session-cookie';
import { RENEW_AFTER_MS, Standing } from './standing';

/** A database answer the test gives when it chooses. */
function pendingAnswer() {
  let answer!: (allowed: boolean) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<boolean>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { promise, answer, fail };
}

const CONNECTED_AT = 1_000_000;

function standing() {
  const answers: ReturnType<typeof pendingAnswer>[] = [];
  const cutOffs: Error[] = [];
  const check = new Standing(
    () => {
      const answer = pendingAnswer();
      answers.push(answer);
      return answer.promise;
    },
    (error) => cutOffs.push(error),
    () => new Error('Signed out or no longer allowed'),
    CONNECTED_AT,
  );
  return { check, answers, cutOffs };
}

/** Whether the promise has settled after the pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('Standing: a connection checked again while it lasts', () => {
  it('lets messages through on a recent check without asking the database', async () => {
    const { check, answers } = standing();
    await check.beforeMessage(CONNECTED_AT + RENEW_AFTER_MS - 1);
    expect(answers).toHaveLength(0);
  });

  it('renews an aging check in the background: the message does not wait, and the next check counts from its start', async () => {
    const { check, answers } = standing();
    const renewAt = CONNECTED_AT + RENEW_AFTER_MS;
    expect(await settled(check.beforeMessage(renewAt))).toBe(true);
    expect(answers).toHaveLength(1);
    // One check at a time.
    expect(await settled(check.beforeMessage(renewAt + 10))).toBe(true);
    expect(answers).toHaveLength(1);
    answers[0].answer(true);
    await settled(answers[0].promise);
    // Past the first check's window, within the renewed one's: no waiting (only the next renewal starts).
    expect(await settled(check.beforeMessage(CONNECTED_AT + SESSION_RECHECK_MS + 1))).toBe(true);
    expect(answers).toHaveLength(2);
  });

  it('makes a message wait for the database once the check is SESSION_RECHECK_MS old, and refuses it if they left', async () => {
    const { check, answers, cutOffs } = standing();
    const message = check.beforeMessage(CONNECTED_AT + SESSION_RECHECK_MS);
    expect(await settled(message)).toBe(false);
    expect(answers).toHaveLength(1);
    answers[0].answer(false);
    await expect(message).rejects.toThrow('Signed out or no longer allowed');
    expect(cutOffs).toHaveLength(1);
  });

  it('cuts the connection off as soon as a background check finds they left, and refuses every later message', async () => {
    const { check, answers, cutOffs } = standing();
    await check.beforeMessage(CONNECTED_AT + RENEW_AFTER_MS);
    answers[0].answer(false);
    await settled(answers[0].promise);
    expect(cutOffs.map((error) => error.message)).toEqual(['Signed out or no longer allowed']);
    await expect(check.beforeMessage(CONNECTED_AT + RENEW_AFTER_MS + 1)).rejects.toThrow('Signed out');
    expect(answers).toHaveLength(1);
  });

  it('waits for a running check only if it started within SESSION_RECHECK_MS of the message', async () => {
    const { check, answers } = standing();
    const renewAt = CONNECTED_AT + RENEW_AFTER_MS;
    await check.beforeMessage(renewAt);
    const recent = check.beforeMessage(renewAt + SESSION_RECHECK_MS - 1);
    expect(answers).toHaveLength(1);
    const late = check.beforeMessage(renewAt + SESSION_RECHECK_MS);
    expect(answers).toHaveLength(2);
    answers[0].answer(true);
    expect(await settled(recent)).toBe(true);
    expect(await settled(late)).toBe(false);
    answers[1].answer(true);
    await late;
  });

  it('lets a database error in a background check only age the check: the message after the window meets the error', async () => {
    const { check, answers, cutOffs } = standing();
    await check.beforeMessage(CONNECTED_AT + RENEW_AFTER_MS);
    answers[0].fail(new Error('connection terminated'));
    await settled(answers[0].promise);
    const message = check.beforeMessage(CONNECTED_AT + SESSION_RECHECK_MS);
    answers[1].fail(new Error('connection terminated'));
    await expect(message).rejects.toThrow('connection terminated');
    expect(cutOffs).toHaveLength(0);
  });
});
