/**
 * Natural batching per key: the first item for a key goes at once; while its call is in flight,
 * further items for the same key wait, and when the call returns they go together in the next one
 * (at most `maxBatch` at a time). A quiet key adds no latency; a busy one makes fewer, larger calls.
 * Each item settles on its own: `execute` returns one outcome per item, in order, or throws, which
 * rejects every item of that call.
 */
export type BatchExecutor<Item, Result> = (key: string, items: Item[]) => Promise<PromiseSettledResult<Result>[]>;

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(reason: unknown): void;
}

export class NaturalBatcher<Item, Result> {
  /** A key is present while a call for it is in flight; its array holds the items waiting for the next call. */
  private readonly waiting = new Map<string, Waiting<Item, Result>[]>();

  constructor(
    private readonly execute: BatchExecutor<Item, Result>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1)
      throw new Error(`maxBatch must be a positive integer, not ${maxBatch}`);
  }

  submit(key: string, item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const entry = { item, resolve, reject };
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.waiting.set(key, []);
      void this.run(key, [entry]);
    });
  }

  /** Keys with a call in flight; none once every submitted item has settled. */
  get busyKeys(): number {
    return this.waiting.size;
  }

  private async run(key: string, batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const outcomes = await this.execute(
        key,
        batch.map((entry) => entry.item),
      );
      if (outcomes.length !== batch.length)
        throw new Error(`a batch of ${batch.length} got ${outcomes.length} outcomes`);
      batch.forEach((entry, i) => {
        const outcome = outcomes[i];
        if (outcome.status === 'fulfilled') entry.resolve(outcome.value);
        else entry.reject(outcome.reason);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
    const queue = this.waiting.get(key)!;
    if (queue.length === 0) {
      this.waiting.delete(key);
      return;
    }
    void this.run(key, queue.splice(0, this.maxBatch));
  }
}
