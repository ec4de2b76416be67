/** An open page reads its figures again at most this often while batches keep arriving (ms). */
export const LIVE_REFRESH_MS = 500;

/**
 * When an open page reads its figures again after the server's pushes (batches applied,
 * alerts): the first push after a quiet spell reads at once; pushes within `everyMs` of the
 * last read are gathered into one read when that interval ends. A page is so never more than
 * `everyMs` behind, and a busy stream costs the dashboard at most one read per page and
 * interval. The dashboard's pages (use-live.ts) and the bench's page (cli/bench-stream.ts)
 * both read so.
 */
export function liveThrottle(read: () => void, everyMs = LIVE_REFRESH_MS, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    read();
  };
  return {
    push(): void {
      if (timer !== undefined) return;
      const wait = last + everyMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    stop(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
