import { ALL, bucketStart, tenantKeys } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testRedis, uniqueRoot, waitFor } from '../../test/helpers';
import { ApiClient, startTestDashboard, testUser } from '../../test/test-dashboard';
import type { RunningDashboard } from './index';

const root = uniqueRoot();
const keys = tenantKeys(root, 'demo');
const other = tenantKeys(root, 'other');
const redis = testRedis();
const now = Date.now();
let dash: RunningDashboard;
let viewer: ApiClient;

/** Write a cell as the worker would: `posts` posts from `authors` distinct authors. */
async function cell(k: typeof keys, theme: string, posts: number, authors: number) {
  for (const g of ['minute', 'hour', 'day'] as const) {
    const b = bucketStart(now, g);
    await redis.hincrby(k.cell(theme, g, b), 'posts', posts);
    await redis.pfadd(k.cellAuthors(theme, g, b), ...Array.from({ length: authors }, (_, i) => `${theme}-a${i}`));
  }
}

beforeAll(async () => {
  await cell(keys, ALL, 40, 12);
  await cell(keys, 'local', 9, 4); // below k = 5
  await cell(keys, 'hate', 6, 5); // exactly k
  await cell(other, ALL, 999, 50); // another tenant
  dash = await startTestDashboard(root);
  const u = await testUser(redis, root, 'demo', 'viewer');
  viewer = await ApiClient.login(dash.url, u.username);
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

/** As a signed-in viewer of `demo`; tenant routes are under /api/t/demo. */
const get = async (path: string) => {
  const r = await viewer.get(path.replace(/^\/api\/(?!health|nothing)/, '/api/t/demo/'));
  return { status: r.status, body: r.body };
};

describe('dashboard API', () => {
  it('shows cells from k distinct authors and suppresses the rest', async () => {
    for (const range of ['hour', 'day']) {
      const { status, body } = await get(`/api/overview?range=${range}`);
      expect(status).toBe(200);
      const themes = body.themes as { id: string; posts: number | null; authors: number | null; suppressed: boolean }[];
      expect(themes.find((t) => t.id === ALL)).toMatchObject({ posts: 40, authors: 12, suppressed: false });
      expect(themes.find((t) => t.id === 'local')).toMatchObject({ posts: null, authors: null, suppressed: true });
      expect(themes.find((t) => t.id === 'hate')).toMatchObject({ posts: 6, authors: 5 });
    }
  });
  it('reads only its own tenant', async () => {
    const { body } = await get('/api/overview?range=hour');
    const themes = body.themes as { id: string; posts: number | null; authors: number | null }[];
    expect(body.tenant).toBe('demo');
    // The other tenant's 999 posts by 50 authors appear nowhere, not even summed in.
    for (const t of themes) {
      expect([999, 1039]).not.toContain(t.posts);
      expect([50, 62]).not.toContain(t.authors);
    }
  });
  it('gives a timeline with suppressed points as null', async () => {
    const { body } = await get('/api/timeline?theme=local&range=hour');
    const points = body.points as { t: number; posts: number | null }[];
    expect(points).toHaveLength(60);
    expect(points.at(-1)?.posts).toBeNull();
    const all = await get('/api/timeline?theme=all&range=hour');
    expect((all.body.points as { posts: number | null }[]).at(-1)?.posts).toBe(40);
  });
  it('answers bad input with one error shape naming what was wrong', async () => {
    expect(await get('/api/overview?range=year')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', message: expect.stringMatching(/^range: /) } },
    });
    expect(await get('/api/timeline?theme=nope')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', message: expect.stringMatching(/^theme: /) } },
    });
    expect(await get('/api/nothing')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
  it('refuses oversized, binary and malformed bodies with a clear error', async () => {
    const post = (body: BodyInit) =>
      fetch(new URL('/api/session', dash.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
    const big = await post(JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'too_large', message: 'body: larger than 64 kB' } });
    const binary = await post(new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x13]));
    expect(binary.status).toBe(400);
    expect(await binary.json()).toEqual({ error: { code: 'bad_request', message: 'body: not valid JSON' } });
    const shape = await post(JSON.stringify({ user: 'x' }));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: { message: string } }).error.message).toMatch(/^username: /);
  });
  it('reports health', async () => {
    expect(await get('/api/health')).toMatchObject({ status: 200, body: { status: 'ok', redis: 'up' } });
  });
  it('streams applied batches over SSE, forwarding counts only', async () => {
    const ctrl = new AbortController();
    const res = await fetch(new URL('/api/t/demo/stream', dash.url), {
      signal: ctrl.signal,
      headers: viewer.authHeaders(),
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    let text = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })().catch(() => undefined);
    await waitFor(() => text.includes('event: hello'), 5000, 'hello');
    await waitFor(() => dash.hub.size === 1, 5000, 'subscriber');
    await redis.publish(
      keys.events,
      JSON.stringify({ type: 'batch', tenant: 'demo', posts: 42, at: 1, extra: 'not forwarded' }),
    );
    await redis.publish(other.events, JSON.stringify({ type: 'batch', tenant: 'other', posts: 7, at: 1 }));
    await waitFor(() => text.includes('event: batch'), 5000, 'batch event');
    expect(text).toContain('"posts":42');
    expect(text).not.toContain('not forwarded');
    expect(text).not.toContain('"tenant":"other"');
    ctrl.abort();
    await pump;
  });
});
