import type { MemoryKind } from './bench-memory';
import type { HotSpot } from './cpu-profile';

export type Checkpoint = { posts: number; redisBytes: number; workerRssBytes: number[] };

/**
 * What `trendwacht bench` measures of the whole pipeline (bench.ts runs it; commands/bench.ts
 * prints it): throughput, CPU, latency, memory of the processes and of Redis, Redis commands.
 */
export type BenchResult = {
  machine: { cpus: number; node: string };
  posts: number;
  workers: number;
  endToEnd: {
    seconds: number;
    postsPerSecond: number;
    redisCpuSeconds: number;
    /** CPU seconds each part used during the throughput phase (ingest = this process). */
    cpuSeconds: { redis: number; ingest: number; workers: number[]; dashboard: number };
  };
  /**
   * The analysis alone on one core: posts per second of wall time, and per CPU-second (the CPU
   * ratio's); and on the `cores` the workers used, one process per core at once (bench-cores.ts).
   */
  analysisOnly: {
    posts: number;
    postsPerSecondPerCore: number;
    postsPerCpuSecond: number;
    cores: number;
    postsPerSecondOnCores: number;
    cpuMicrosPerPostOnCores: number;
  };
  /** End-to-end ÷ the analysis alone on the same cores (issue 20's ratio). */
  ratio: number;
  /** End-to-end ÷ (analysis-only on one core × cores): as printed before 2026-12-02, when two cores were assumed to do twice one. */
  ratioLinear: number;
  /**
   * Analysis-only CPU per post ÷ the pipeline's CPU per post (workers, Redis, ingest), both
   * in CPU time: the ratio a saturated machine would reach, unmoved by other processes on it
   * (before 2026-12-02 the analysis side was wall time, which a busy machine inflates).
   */
  cpuRatio: number;
  /**
   * From the moment ingest reads a post to the SSE push of its batch; `shown`: to the
   * moment an open overview page has read its figures again after that push (the page reads
   * at once after a quiet spell, then at most every LIVE_REFRESH_MS: liveThrottle): what a user sees.
   */
  latency: {
    rate: number;
    posts: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    shown: { p50Ms: number; p95Ms: number; p99Ms: number };
  };
  peakRssBytes: { ingest: number; workers: number[] };
  redisBytes: {
    before: number;
    after: number;
    /** (after − before) ÷ posts of the throughput phase, × 1e6: an empty store's first posts. */
    perMillionPosts: number;
    /** What the keys themselves hold (MEMORY USAGE); the rest of after − before is Redis's own (key tables, expiries). */
    keysBytes: number;
    byKind: MemoryKind[];
    /**
     * The latency phase's posts on top (queue drained again): what each further post costs
     * once the buckets, term lists and vocabulary of the hour exist.
     */
    next: { posts: number; bytes: number; perMillionPosts: number };
  };
  checkpoints: Checkpoint[];
  /** Redis commands of the throughput phase (scripts' included): calls and µs per post. */
  redisCommands: { command: string; callsPerPost: number; microsPerPost: number }[];
  /** With `profileDir`: the workers' top functions by self time. */
  profile?: { busyMs: number; rows: HotSpot[] };
};
