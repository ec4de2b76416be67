import { setTimeout as sleep } from 'node:timers/promises';
import type { Source } from '@trendwacht/ingest';
import { type PostInput, liveThrottle } from '@trendwacht/shared';
import { createAnalyzer } from '@trendwacht/worker';

/**
 * Posts from a synthetic pool, each with a fresh id and written "now" (a live stream, as a
 * firehose delivers it), as fast as the pipeline takes them or at `rate`/s.
 */
export function benchSource(
  pool: readonly PostInput[],
  n: number,
  offset: number,
  rate?: number,
  onYield?: (id: string) => void,
): Source {
  return {
    name: 'bench',
    async *items() {
      const t0 = Date.now();
      for (let i = 0; i < n; i++) {
        if (rate && i % 50 === 0) {
          const wait = t0 + (i / rate) * 1000 - Date.now();
          if (wait > 1) await sleep(wait);
        }
        const p = pool[(offset + i) % pool.length] as PostInput;
        const id = `${p.id}-${offset + i}`;
        onYield?.(`${p.source ?? 'bench'}:${id}`);
        yield { ...p, id, createdAt: new Date().toISOString() };
      }
    },
  };
}

/**
 * The dashboard's SSE stream of a tenant: receive time of each batch id in `seen`. With
 * `shown`, it also plays an open overview page: it reads `/overview` again as the page does
 * (liveThrottle: at once after a quiet spell, then at most every LIVE_REFRESH_MS), and each
 * batch pushed before a read is shown when that read's answer arrives — the latency a user sees.
 */
export async function listen(
  url: string,
  tenant: string,
  cookie: string,
  seen: Map<string, number>,
  signal: AbortSignal,
  shown?: Map<string, number>,
) {
  let waiting: string[] = [];
  const refresh = async () => {
    const ids = waiting;
    waiting = [];
    const res = await fetch(new URL(`/api/t/${tenant}/overview`, url), { headers: { Cookie: cookie }, signal }).catch(
      () => null,
    );
    await res?.arrayBuffer().catch(() => undefined);
    const at = Date.now();
    if (res?.ok) for (const id of ids) shown?.set(id, at);
  };
  const page = liveThrottle(() => void refresh());
  signal.addEventListener('abort', page.stop);
  const res = await fetch(new URL(`/api/t/${tenant}/stream`, url), { headers: { Cookie: cookie }, signal });
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no SSE body');
  const decoder = new TextDecoder();
  let buf = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const at = Date.now();
      buf += decoder.decode(value, { stream: true });
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const data = /^data: (.*)$/m.exec(buf.slice(0, end))?.[1];
        if (data) {
          const ev = JSON.parse(data) as { batchId?: string };
          if (ev.batchId) {
            seen.set(ev.batchId, at);
            if (shown) {
              waiting.push(ev.batchId);
              page.push();
            }
          }
        }
        buf = buf.slice(end + 2);
        end = buf.indexOf('\n\n');
      }
    }
  })();
}

/**
 * The analysis alone on one core, over `sample` posts of the pool (after a warm-up): posts
 * per second of wall time, and per CPU-second of this process (what the CPU ratio compares:
 * on a busy machine the wall clock also counts the time other processes had the core).
 */
export function analysisPerCore(pool: readonly PostInput[], sample: number): { wall: number; cpu: number } {
  const analyze = createAnalyzer();
  const analyzeMany = (n: number) => {
    for (let i = 0; i < n; i++) {
      const p = pool[i % pool.length] as PostInput;
      analyze({ id: String(p.id), text: String(p.text), ...(p.lang ? { lang: p.lang } : {}) });
    }
  };
  analyzeMany(2000);
  const a0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  analyzeMany(sample);
  const c = process.cpuUsage(c0);
  return {
    wall: sample / (Number(process.hrtime.bigint() - a0) / 1e9),
    cpu: sample / ((c.user + c.system) / 1e6),
  };
}
