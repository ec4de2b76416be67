import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveThrottle } from './live';

describe('liveThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads at once on the first push after a quiet spell', () => {
    const read = vi.fn();
    const t = liveThrottle(read, 500);
    t.push();
    expect(read).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600);
    t.push();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('gathers the pushes of an interval into one read at its end', () => {
    const read = vi.fn();
    const t = liveThrottle(read, 500);
    t.push();
    vi.advanceTimersByTime(100);
    t.push();
    t.push();
    vi.advanceTimersByTime(300);
    t.push();
    expect(read).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(99);
    expect(read).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(read).toHaveBeenCalledTimes(2);
    // Nothing more was pushed: no read follows.
    vi.advanceTimersByTime(2000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads no more after stop', () => {
    const read = vi.fn();
    const t = liveThrottle(read, 500);
    t.push();
    t.push();
    t.stop();
    vi.advanceTimersByTime(1000);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
