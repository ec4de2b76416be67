import type { Post } from '@trendwacht/shared';

/**
 * Groups posts into batches of at most `size`, sending a partial batch after `maxWaitMs`.
 * At most one batch is in flight: a timer that fires during a send waits for it, and `add`
 * waits once the next batch is full. So a stalled sink (Redis away) holds at most two
 * batches in memory and stops the reader — back-pressure, not an unbounded backlog.
 */
export class Batcher {
  private buffer: Post[] = [];
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
      await this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush().catch(() => undefined);
      }, this.maxWaitMs);
    }
  }

  /** Send whatever is buffered (after the batch in flight) and wait until it is sent. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.sending) await this.sending.catch(() => undefined);
    if (this.failure) throw this.failure;
    const posts = this.buffer;
    this.buffer = [];
    if (posts.length === 0) return;
    const sending = (async () => {
      await this.flushFn(posts);
    })();
    this.sending = sending;
    try {
      await sending;
    } catch (err) {
      this.failure = err;
      throw err;
    } finally {
      if (this.sending === sending) this.sending = null;
    }
  }
}
