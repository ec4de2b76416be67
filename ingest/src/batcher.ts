import type { Post } from '@trendwacht/shared';

/**
 * Groups posts into batches of at most `size`, flushing a partial batch after `maxWaitMs`.
 * `add` waits while a flush is in flight, which carries back-pressure to the reader.
 */
export class Batcher {
  private buffer: Post[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
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
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.maxWaitMs);
    }
  }

  /** Send whatever is buffered and wait until every batch so far is sent. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const posts = this.buffer;
    this.buffer = [];
    if (posts.length > 0) {
      this.chain = this.chain
        .then(async () => {
          await this.flushFn(posts);
        })
        .catch((err) => {
          this.failure = err;
          throw err;
        });
    }
    await this.chain;
  }
}
