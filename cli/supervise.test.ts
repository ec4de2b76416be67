import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../test/helpers';
import { Supervisor } from './processes';

/** Issue 22, medium 7: in `start`, a worker killed with SIGKILL is started again, not the end of the stack. */
const idle = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

describe('Supervisor', () => {
  it('starts a child again after kill -9, and stops for good on stop()', async () => {
    const lines: string[] = [];
    const s = new Supervisor(idle, { name: 'worker', firstDelayMs: 50, log: (l) => lines.push(l) });
    const first = s.child.pid;
    await waitFor(() => s.child.pid !== undefined, 5000, 'spawned');
    s.child.kill('SIGKILL');
    await waitFor(() => s.restarts === 1 && s.child.pid !== first, 5000, 'restarted');
    expect(lines[0]).toMatch(/^worker exited \(signal SIGKILL\); starting it again/);
    const second = s.child;
    await s.stop();
    expect(second.exitCode !== null || second.signalCode !== null).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.restarts).toBe(1); // a stop is not a crash
  });

  it('gives up on a crash loop', async () => {
    let gaveUp = false;
    const s = new Supervisor(() => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' }), {
      name: 'broken',
      firstDelayMs: 10,
      maxDelayMs: 20,
      maxCrashes: 3,
      log: () => undefined,
      onGiveUp: () => {
        gaveUp = true;
      },
    });
    await waitFor(() => gaveUp, 10_000, 'gave up');
    expect(s.restarts).toBe(3);
    await s.stop();
  });
});
