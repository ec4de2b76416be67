import { API, type SessionInfo } from '@trendwacht/shared';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, call, setCsrf, setUnauthenticatedHandler } from './api';

export type { SessionInfo };

type SessionCtx = {
  session: SessionInfo | null;
  /** True until the first answer of GET /api/session. */
  checking: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
};

const Ctx = createContext<SessionCtx | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [checking, setChecking] = useState(true);
  const adopt = useCallback((s: SessionInfo | null) => {
    setCsrf(s?.csrf ?? null);
    setSession(s);
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => adopt(null));
    call(API.session)
      .then(adopt)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) console.error(e);
        adopt(null);
      })
      .finally(() => setChecking(false));
  }, [adopt]);
  const value = useMemo<SessionCtx>(
    () => ({
      session,
      checking,
      login: async (username, password) => adopt(await call(API.login, { body: { username, password } })),
      logout: async () => {
        await call(API.logout).catch(() => undefined);
        adopt(null);
      },
    }),
    [session, checking, adopt],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionCtx {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
