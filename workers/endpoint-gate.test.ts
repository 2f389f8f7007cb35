import { describe, expect, it } from 'vitest';
import { EndpointGate } from './endpoint-gate';

const options = { concurrency: 1, failureThreshold: 3, coolDownMs: 30_000, maxCoolDownMs: 600_000 };

describe('a busy endpoint', () => {
  it('hands a freed slot to the delivery waiting for it, and puts off one that waited too long', async () => {
    const gate = new EndpointGate(options);
    expect(gate.admit(Date.now())).toBeUndefined();
    const waiting = gate.admitWithin(1_000, Date.now);
    setTimeout(() => gate.settle(true, Date.now()), 20);
    expect(await waiting).toBeUndefined();

    const tooLong = await gate.admitWithin(30, Date.now);
    expect(tooLong?.reason).toBe('busy');
    gate.settle(true, Date.now());
    expect(gate.admit(Date.now())).toBeUndefined();
  });

  it('does not hand a slot over while its circuit is open', async () => {
    const gate = new EndpointGate({ ...options, failureThreshold: 1 });
    expect(gate.admit(Date.now())).toBeUndefined();
    const waiting = gate.admitWithin(50, Date.now);
    gate.settle(false, Date.now());
    expect((await waiting)?.reason).toBe('busy');
  });
});
