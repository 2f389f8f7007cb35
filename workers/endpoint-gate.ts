/**
 * Per-endpoint admission for webhooks: at most `concurrency` requests in flight, and a circuit that
 * opens after `failureThreshold` failures in a row. While open, deliveries are not tried; after the
 * cool-down one probe is let through (half-open): its success closes the circuit, its failure opens
 * it again for twice as long (up to `maxCoolDownMs`).
 */
export interface GateOptions {
  concurrency: number;
  failureThreshold: number;
  coolDownMs: number;
  maxCoolDownMs: number;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = {
  concurrency: 4,
  failureThreshold: 3,
  coolDownMs: 30_000,
  maxCoolDownMs: 10 * 60_000,
};

/** Not admitted: `open` (failing, not tried) or `busy` (enough in flight); try again after `retryInMs`. */
export type Refusal = { reason: 'open' | 'busy'; retryInMs: number };

/** How long a delivery refused as busy waits: about a second, spread so deferred rows do not return together. */
const BUSY_RETRY_MS = 1_000;

/**
 * How long a delivery may wait for a busy endpoint's slot before it is put off instead: long enough
 * that a healthy endpoint (answering in milliseconds) takes a steady stream, short enough that a
 * hanging one holds the relay's capacity only briefly.
 */
export const SLOT_WAIT_MS = 250;

export class EndpointGate {
  private inFlight = 0;
  /** Deliveries waiting for a slot, first come first served. */
  private waiting: Array<() => void> = [];
  private failures = 0;
  private openUntil = 0;
  private probing = false;
  private coolDownMs: number;

  constructor(private readonly options: GateOptions) {
    this.coolDownMs = options.coolDownMs;
  }

  /** Admits one request (call `settle` when it ends), or says why not. */
  admit(nowMs: number, random: () => number = Math.random): Refusal | undefined {
    if (nowMs < this.openUntil) return { reason: 'open', retryInMs: this.openUntil - nowMs };
    const halfOpen = this.failures >= this.options.failureThreshold;
    if (halfOpen && this.probing) return { reason: 'open', retryInMs: BUSY_RETRY_MS };
    if (!halfOpen && this.inFlight >= this.options.concurrency)
      return { reason: 'busy', retryInMs: Math.round(BUSY_RETRY_MS * (0.5 + random())) };
    if (halfOpen) this.probing = true;
    this.inFlight++;
    return undefined;
  }

  /** Admits now, or as soon as a request in flight ends within `maxWaitMs`; else refuses as `admit` does. */
  async admitWithin(maxWaitMs: number, clock: () => number): Promise<Refusal | undefined> {
    const refusal = this.admit(clock());
    if (refusal?.reason !== 'busy' || maxWaitMs <= 0) return refusal;
    const admitted = await new Promise<boolean>((resolve) => {
      const handOver = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== handOver);
        resolve(false);
      }, maxWaitMs);
      this.waiting.push(handOver);
    });
    return admitted ? undefined : refusal;
  }

  settle(succeeded: boolean, nowMs: number): void {
    try {
      this.record(succeeded, nowMs);
    } finally {
      this.handOver(nowMs);
    }
  }

  /** A slot that came free goes straight to the first waiting delivery while the circuit is closed. */
  private handOver(nowMs: number): void {
    while (
      this.waiting.length &&
      this.inFlight < this.options.concurrency &&
      nowMs >= this.openUntil &&
      this.failures < this.options.failureThreshold
    ) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }

  private record(succeeded: boolean, nowMs: number): void {
    this.inFlight--;
    const wasProbe = this.probing;
    this.probing = false;
    if (succeeded) {
      this.failures = 0;
      this.coolDownMs = this.options.coolDownMs;
      return;
    }
    this.failures++;
    if (this.failures < this.options.failureThreshold) return;
    // Requests already in flight when it opened may fail too: they do not lengthen the cool-down.
    if (nowMs < this.openUntil && !wasProbe) return;
    if (wasProbe) this.coolDownMs = Math.min(this.coolDownMs * 2, this.options.maxCoolDownMs);
    this.openUntil = nowMs + this.coolDownMs;
  }
}
