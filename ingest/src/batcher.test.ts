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
  it('lets the next batch fill while one is in flight, then makes add wait (back-pressure)', async () => {
    let release: () => void = () => undefined;
    const b = new Batcher(
      1,
      10_000,
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    await b.add(post(1)); // on its way
    let done = false;
    const p = b.add(post(2)).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    await p;
    expect(done).toBe(true);
  });
  it('keeps at most one batch in flight and one filling while the sink stalls, whatever the rate', async () => {
    let release: () => void = () => undefined;
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    const b = new Batcher(5, 5, async (p) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((r) => {
        release = r;
      });
      inFlight--;
      sent.push(p.length);
    });
    // A slow reader (one post every 10 ms, slower than the wait time): partial batches.
    let added = 0;
    const reader = (async () => {
      for (let i = 0; i < 100; i++) {
        await b.add(post(i));
        added++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    // The first partial batch is stuck in flight: the reader stopped once the next was full.
    expect(added).toBeLessThanOrEqual(1 + 5);
    expect(most).toBe(1);
    const pump = setInterval(() => release(), 5);
    await reader;
    await b.flush();
    clearInterval(pump);
    expect(most).toBe(1);
    expect(sent.reduce((a, n) => a + n, 0)).toBe(100);
  });

  it('throws a failed send at the next add or flush', async () => {
    const b = new Batcher(1, 10_000, async () => {
      throw new Error('redis_down');
    });
    await b.add(post(1)); // dispatched; fails in flight
    await expect(b.add(post(2))).rejects.toThrow('redis_down');
    await expect(b.flush()).rejects.toThrow('redis_down');
  });
});
