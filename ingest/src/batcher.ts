import type { Post } from '@trendwacht/shared';

/**
 * Groups posts into batches of at most `size`, sending a partial batch after `maxWaitMs`.
 * At most one batch is in flight while the next one fills: `add` returns once a full batch
 * is on its way, and waits when the next one is full before the first was sent (a timer
 * that fires during a send waits too). So a stalled sink (Redis away) holds at most two
 * batches in memory and stops the reader — back-pressure, not an unbounded backlog. A
 * failed send is thrown by the next `add` or `flush`.
 */
export class Batcher {
  private buffer: Post[] = [];
  /** Work to do once the buffer (and everything before it) is sent: saving cursors, by key. */
  private afterSent = new Map<string | symbol, () => Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly size: number,
    private readonly maxWaitMs: number,
    private readonly flushFn: (posts: Post[]) => Promise<unknown>,
  ) {}

  async add(post: Post): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer.push(post);
    if (this.buffer.length >= this.size) {
      await this.dispatch();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.dispatch().catch(() => undefined);
      }, this.maxWaitMs);
    }
  }

  /**
   * Runs `fn` once every post added so far is sent (a failed send skips it and is thrown
   * as usual). Sent with the next batch, or at the latest after `maxWaitMs`. A later `fn`
   * with the same `key` before that send replaces the earlier one (a newer cursor covers
   * more), so a checkpoint per item costs one write per batch.
   */
  async after(fn: () => Promise<unknown>, key: string | symbol = Symbol()): Promise<void> {
    if (this.failure) throw this.failure;
    this.afterSent.delete(key); // re-inserted last: runs after the ones added before it
    this.afterSent.set(key, fn);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.dispatch().catch(() => undefined);
      }, this.maxWaitMs);
    }
  }

  /**
   * Starts sending the buffer once the batch in flight is sent, and resolves when it has
   * started: the reader fills the next batch while this one travels.
   */
  private async dispatch(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
    const posts = this.buffer;
    const after = this.afterSent;
    this.buffer = [];
    this.afterSent = new Map();
    if (posts.length === 0 && after.size === 0) return;
    const send = async () => {
      if (posts.length > 0) await this.flushFn(posts);
      for (const fn of after.values()) await fn();
    };
    const tracked: Promise<void> = send()
      .then(
        () => undefined,
        (err: unknown) => {
          this.failure = err;
        },
      )
      .finally(() => {
        if (this.sending === tracked) this.sending = null;
      });
    this.sending = tracked;
  }

  /** Send whatever is buffered (after the batch in flight) and wait until all is sent. */
  async flush(): Promise<void> {
    await this.dispatch();
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
  }
}
