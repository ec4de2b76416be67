import type { Post } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

const post = (n: number): Post => ({ id: `t:${n}`, source: 't', text: 'x', createdAt: 0, tags: [] });

describe('Batcher', () => {
  it('sends full batches of the configured size, then the rest on flush', async () => {
    const sent: number[] = [];
    const b = new Batcher(3, 10_000, async (p) => void sent.push(p.length));
    for (let i = 0; i < 7; i++) await b.add(post(i));
    expect(sent).toEqual([3, 3]);
    await b.flush();
    expect(sent).toEqual([3, 3, 1]);
  });
  it('sends a partial batch after the wait time', async () => {
    const sent: number[] = [];
    const b = new Batcher(100, 20, async (p) => void sent.push(p.length));
    await b.add(post(1));
    await new Promise((r) => setTimeout(r, 80));
    expect(sent).toEqual([1]);
  });
  it('makes add wait while a send is slow (back-pressure)', async () => {
    let release: () => void = () => undefined;
    const b = new Batcher(
      1,
      10_000,
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    let done = false;
    const p = b.add(post(1)).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    await p;
    expect(done).toBe(true);
  });
});
