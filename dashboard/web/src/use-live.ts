import { SSE_EVENTS } from '@trendwacht/shared';
import { useEffect, useState } from 'react';

const DEBOUNCE_MS = 750;

/**
 * One EventSource per page on the tenant's stream (the browser reconnects by itself).
 * Returns a counter that increases, at most every DEBOUNCE_MS, when batches were applied
 * or an alert opened, escalated or closed.
 */
export function useLive(tenant: string): { tick: number; connected: boolean } {
  const [tick, setTick] = useState(0);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const es = new EventSource(`/api/t/${encodeURIComponent(tenant)}/stream`);
    let timer: number | undefined;
    const bump = () => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        setTick((t) => t + 1);
      }, DEBOUNCE_MS);
    };
    es.addEventListener(SSE_EVENTS.hello, () => setConnected(true));
    es.addEventListener(SSE_EVENTS.batch, bump);
    es.addEventListener(SSE_EVENTS.alert, bump);
    es.onerror = () => setConnected(false);
    return () => {
      window.clearTimeout(timer);
      es.close();
    };
  }, [tenant]);
  return { tick, connected };
}
