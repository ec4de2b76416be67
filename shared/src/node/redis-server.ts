import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type RedisServerHandle = {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

export class RedisServerMissing extends Error {
  override name = 'RedisServerMissing';
  constructor() {
    super(
      'No Redis configured and no redis-server installed. Either install one ' +
        '(Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) ' +
        'or point Trendwacht at a running Redis with REDIS_URL=redis://host:6379.',
    );
  }
}

export function redisServerInstalled(bin = 'redis-server'): boolean {
  const r = spawnSync(bin, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start a private `redis-server` on a free loopback port. `noeviction` because BullMQ
 * must never lose a job to memory pressure; AOF so aggregates survive a restart.
 */
export async function startRedisServer(opts: {
  dir: string;
  appendonly?: boolean;
  port?: number;
  bin?: string;
  /** More redis-server options (e.g. `--cluster-enabled yes` for a cluster node). */
  args?: readonly string[];
  /**
   * In a process group of its own, so a Ctrl-C to the terminal's group does not stop it
   * under its clients: the caller stops it last (`stop()`), after they drained. A watchdog
   * stops it when this process ends any other way (a crash, SIGKILL, an exit without stop()).
   */
  detached?: boolean;
}): Promise<RedisServerHandle> {
  const bin = opts.bin ?? 'redis-server';
  if (!redisServerInstalled(bin)) throw new RedisServerMissing();
  mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    opts.dir,
    '--save',
    '',
    '--appendonly',
    opts.appendonly === false ? 'no' : 'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
    ...(opts.args ?? []),
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: opts.detached === true });
  const watchdog = opts.detached && child.pid ? startWatchdog(child.pid) : null;
  let exited = false;
  child.on('exit', () => {
    exited = true;
    watchdog?.kill('SIGKILL');
  });
  const url = `redis://127.0.0.1:${port}`;
  await waitForPort(port, () => exited);
  return {
    url,
    port,
    dir: opts.dir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A `sh` in its own process group that holds the read end of a pipe from this process.
 * When this process ends, however it ends, the pipe closes: the watchdog then stops the
 * server (SIGTERM, SIGKILL after 10 s). Killed itself once the server has exited. Neither
 * the watchdog nor its pipe keeps this process alive.
 */
function startWatchdog(pid: number): ChildProcess {
  const script =
    'read _; kill -TERM "$1" 2>/dev/null; i=0; ' +
    'while kill -0 "$1" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done; ' +
    'kill -KILL "$1" 2>/dev/null';
  const dog = spawn('sh', ['-c', script, 'redis-watchdog', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  dog.unref();
  // A child's stdin pipe is a socket.
  (dog.stdin as Socket | null)?.unref();
  return dog;
}

async function waitForPort(port: number, dead: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (dead()) throw new Error(`redis-server exited before accepting connections on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(25);
  }
  throw new Error(`redis-server did not accept connections on ${port} within 5 s`);
}
