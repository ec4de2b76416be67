import { SSE_EVENTS, liveThrottle } from '@trendwacht/shared';
import { useEffect, useState } from 'react';

/**
 * One EventSource per page on the tenant's stream (the browser reconnects by itself).
 * Returns a counter that increases when batches were applied or an alert opened, escalated
 * or closed: at once after a quiet spell, then at most every LIVE_REFRESH_MS (liveThrottle).
 */
export function useLive(tenant: string): { tick: number; connected: boolean } {
  const [tick, setTick] = useState(0);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const es = new EventSource(`/api/t/${encodeURIComponent(tenant)}/stream`);
    const live = liveThrottle(() => setTick((t) => t + 1));
    es.addEventListener(SSE_EVENTS.hello, () => setConnected(true));
    es.addEventListener(SSE_EVENTS.batch, live.push);
    es.addEventListener(SSE_EVENTS.alert, live.push);
    es.onerror = () => setConnected(false);
    return () => {
      live.stop();
      es.close();
    };
  }, [tenant]);
  return { tick, connected };
}
