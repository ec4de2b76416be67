import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '@trendwacht/shared/node';
import type { Queue } from 'bullmq';

/** Bytes of a process from /proc (resident now, or its peak). */
export function procBytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms). */
export function procCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export async function usedMemory(redis: RedisClient): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** CPU seconds Redis has used (user + system). */
export async function redisCpu(redis: RedisClient): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** Posts a queue's workers are done with: counted, or dropped for a reason. */
export async function processed(redis: RedisClient, stats: string): Promise<number> {
  const s = await redis.hgetall(stats);
  let n = Number(s.posts ?? 0);
  for (const [f, v] of Object.entries(s)) if (f.startsWith('drop:')) n += Number(v);
  return n;
}

export type CommandStat = { command: string; calls: number; usec: number };

/** Per post of a phase: what each Redis command cost (difference of two INFO commandstats). */
export function perPostCommands(
  before: CommandStat[],
  after: CommandStat[],
  posts: number,
): { command: string; callsPerPost: number; microsPerPost: number }[] {
  const was = new Map(before.map((c) => [c.command, c]));
  return after
    .map((c) => ({
      command: c.command,
      callsPerPost: Math.round(((c.calls - (was.get(c.command)?.calls ?? 0)) / posts) * 100) / 100,
      microsPerPost: Math.round(((c.usec - (was.get(c.command)?.usec ?? 0)) / posts) * 10) / 10,
    }))
    .filter((c) => c.microsPerPost > 0)
    .sort((a, b) => b.microsPerPost - a.microsPerPost)
    .slice(0, 12);
}

/** Redis's time per command (scripts' commands included), most expensive first. */
export async function commandStats(redis: RedisClient): Promise<CommandStat[]> {
  const info = await redis.info('commandstats');
  const out: CommandStat[] = [];
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    out.push({ command: m[1] as string, calls: Number(m[2]), usec: Number(m[3]) });
  }
  return out.sort((a, b) => b.usec - a.usec);
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

export type ProgressWait = {
  /** What is awaited, for the error ("the throughput phase"). */
  what: string;
  /** The count so far; done when it reaches `target`. */
  count: () => Promise<number>;
  target: number;
  /** Fail when the count has not moved for this long (default 60 s). */
  stallMs?: number;
  /** Processes that must stay alive meanwhile (a worker that exits fails the wait at once). */
  children?: readonly ChildProcess[];
  /** The queue whose state the error describes. */
  queue?: Queue;
  onCount?: (n: number) => Promise<void> | void;
  /** What is counted (default "posts"). */
  unit?: string;
};

/**
 * Waits for a count to reach its target as long as it moves: a bench whose workers died or
 * whose batches failed used to wait an hour; now it fails after `stallMs` without
 * progress (or at once when a child exits) with what the queue holds and why jobs failed.
 */
export async function untilProgress(w: ProgressWait): Promise<void> {
  const stallMs = w.stallMs ?? 60_000;
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const exited = (w.children ?? []).find((c) => c.exitCode !== null || c.signalCode !== null);
    if (exited) {
      const how = exited.signalCode ? `signal ${exited.signalCode}` : `code ${exited.exitCode}`;
      throw new Error(`bench: process ${exited.pid} exited (${how}) during ${w.what}; ${await queueState(w.queue)}`);
    }
    const n = await w.count();
    await w.onCount?.(n);
    if (n >= w.target) return;
    if (n > last) {
      last = n;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(
        `bench: ${w.what} stalled at ${n} of ${w.target} ${w.unit ?? 'posts'} (no progress for ${Math.round(stallMs / 1000)} s); ${await queueState(w.queue)}`,
      );
    }
    await sleep(100);
  }
}

async function queueState(queue: Queue | undefined): Promise<string> {
  if (!queue) return 'no queue state';
  try {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    const failed = await queue.getFailed(0, 4);
    const reasons = [...new Set(failed.map((j) => j.failedReason))].join(', ');
    return `queue: ${Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}${reasons ? `; failed jobs: ${reasons}` : ''}`;
  } catch (err) {
    return `queue state unavailable (${(err as Error).message})`;
  }
}

/** Awaits a promise unless one of the children exits first (then fails with how it exited). */
export async function untilDone<T>(p: Promise<T>, children: readonly ChildProcess[], what: string): Promise<T> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => {
      const c = children.find((x) => x.exitCode !== null || x.signalCode !== null);
      const how = c?.signalCode ? `signal ${c.signalCode}` : `code ${c?.exitCode}`;
      reject(new Error(`bench: process ${c?.pid} exited (${how}) during ${what}`));
    };
    for (const c of children) c.once('exit', onExit);
  });
  try {
    return await Promise.race([p, exited]);
  } finally {
    for (const c of children) if (onExit) c.off('exit', onExit);
  }
}
