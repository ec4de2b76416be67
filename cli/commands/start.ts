import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AccountStore, WEB_DIST, ensureDemoAccounts } from '@trendwacht/dashboard';
import { ensureDemoGazetteer } from '@trendwacht/fixtures';
import { accountKeys, tenantKeys } from '@trendwacht/shared';
import {
  type Config,
  type RedisServerHandle,
  childEnv,
  persistentSealKey,
  startRedisServer,
} from '@trendwacht/shared/node';
import { type Command, intOption, parse } from '../command';
import { withRedis } from '../io';
import { Supervisor, spawnNamed, stopChild } from '../processes';
import { onShutdown } from '../signals';

/** Where `start` keeps its seal key when TRENDWACHT_SEAL_KEY is not set. */
export const sealKeyPath = (dataDir: string) => resolve(join(dataDir, 'seal.key'));

export const startCommand: Command = {
  name: 'start',
  summary: 'run the whole stack on one machine: Redis (if needed), worker, dashboard, replay',
  usage: `Usage: trendwacht start [--speed N|max] [--seed N] [--workers N] [--port N] [--no-replay]

Starts a private redis-server (data in TRENDWACHT_DATA_DIR/redis, AOF on) unless
REDIS_URL is set, then the worker(s), the dashboard and a replay of the synthetic
sample day. By default a week of ordinary days and the sample day up to now arrive at
once (the detector's baseline) and the rest plays in real time, its scripted incident
starting two minutes after start, so an alert opens a few minutes later. With --speed N
the first 18 hours arrive at once and the last 6 play N times faster (60: an hour a
minute) — the dashboard moves faster, but without history nothing alerts. Ctrl-C stops everything.
Without TRENDWACHT_SEAL_KEY the key is kept in TRENDWACHT_DATA_DIR/seal.key (made once,
mode 0600), so batches still queued at a stop are read after the next start. Creates the tenant
TRENDWACHT_TENANT (default demo) with one user per role and prints their passwords.`,
  async run(args, config) {
    const { values } = parse(args, {
      speed: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      port: { type: 'string' },
      'no-replay': { type: 'boolean' },
    });
    const workers = Math.max(1, intOption('workers', values.workers, 1));
    const port = intOption('port', values.port, config.port);
    if (!existsSync(WEB_DIST)) {
      process.stdout.write('note: the dashboard is not built; run `npm run build` (npm start does).\n');
    }
    let redis: RedisServerHandle | null = null;
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      const dir = resolve(join(config.dataDir, 'redis'));
      // Detached: a Ctrl-C reaches the worker, dashboard and replay, not Redis, which is
      // stopped last, once they have drained (its watchdog stops it if this process dies).
      redis = await startRedisServer({ dir, appendonly: true, detached: true });
      redisUrl = redis.url;
      process.stdout.write(`redis     | private redis-server on ${redis.url} (data in ${dir})\n`);
    }
    try {
      return await runStack(values, config, port, workers, redisUrl, redis);
    } catch (e) {
      await redis?.stop();
      throw e;
    }
  },
};

/** The stack on `redisUrl`, until a signal (or a crash loop) stops it; Redis is stopped last. */
async function runStack(
  values: { speed?: string; seed?: string; 'no-replay'?: boolean },
  config: Config,
  port: number,
  workers: number,
  redisUrl: string,
  redis: RedisServerHandle | null,
): Promise<number> {
  const credentials = await withRedis(redisUrl, async (r) => {
    // The demo tenant is the town of the sample day (Aalst): only its posts count (issue 20).
    await ensureDemoGazetteer(r, tenantKeys(config.keyPrefix, config.tenant), config.k);
    return ensureDemoAccounts(new AccountStore(r, accountKeys(config.keyPrefix)), config.tenant, 'Demogemeente');
  });
  const env = childEnv({
    REDIS_URL: redisUrl,
    PORT: String(port),
    // Kept in the data folder (mode 0600), so batches still queued at a stop are unsealed after the next start.
    TRENDWACHT_SEAL_KEY: (config.sealKey ?? persistentSealKey(sealKeyPath(config.dataDir))).toString('hex'),
    TRENDWACHT_PUBLIC_URL: config.publicUrl ?? `http://${config.host}:${port}`,
  });
  // Workers and the dashboard are supervised: one that crashes (even SIGKILL) is started
  // again; its unfinished batches go to the next worker. Only a crash loop stops the stack.
  let giveUp: () => void = () => undefined;
  const supervised = [
    ...Array.from({ length: workers }, (_, i) => {
      const name = `worker${workers > 1 ? i + 1 : ''}`;
      return new Supervisor(() => spawnNamed(name, ['worker'], env, i), { name, onGiveUp: () => giveUp() });
    }),
    new Supervisor(() => spawnNamed('dashboard', ['dashboard'], env, workers), {
      name: 'dashboard',
      onGiveUp: () => giveUp(),
    }),
  ];
  const children: ChildProcess[] = [];
  if (!values['no-replay']) {
    // A week and the sample day up to now arrive at once (history at first sight, and the
    // detector's baseline); the rest plays live, its incident two minutes from now.
    const seed = ['--seed', values.seed ?? '42'];
    const replayArgs = values.speed
      ? ['ingest', 'replay', '--backfill', '18', '--speed', values.speed, ...seed]
      : ['ingest', 'replay', '--history', '7', '--incident-in', '2', ...seed];
    children.push(spawnNamed('replay', replayArgs, env, workers + 1));
  }
  process.stdout.write(`\nTrendwacht dashboard: http://${config.host}:${port}/   (Ctrl-C stops)\n`);
  process.stdout.write(`Demo accounts of tenant "${config.tenant}" (new passwords on every start):\n`);
  for (const c of credentials) process.stdout.write(`  ${c.role.padEnd(8)} ${c.username.padEnd(24)} ${c.password}\n`);
  process.stdout.write('\n');
  await new Promise<void>((done) => {
    const stopAll = async () => {
      await Promise.all([...supervised.map((s) => s.stop()), ...children.map((c) => stopChild(c))]);
      if (redis) await redis.stop();
      done();
    };
    // SIGHUP too: a closed terminal or `kill -HUP` drains the stack like Ctrl-C.
    onShutdown(stopAll, ['SIGINT', 'SIGTERM', 'SIGHUP']);
    giveUp = () => {
      process.stdout.write('a process keeps crashing; stopping\n');
      void stopAll();
    };
  });
  return 0;
}
