import type { Permission, Role } from '@trendwacht/shared';
import { alertZone, can } from '@trendwacht/shared';
import { createContext, useContext } from 'react';

export type TenantCtx = {
  id: string;
  name: string;
  role: Role;
  /** Smallest number of distinct authors a figure needs to be shown. */
  k: number;
  /** The tenant's time zone (IANA, its setting): every time on its pages is shown in it. */
  timeZone: string;
  tick: number;
  connected: boolean;
  /** `/api/t/<tenant>` */
  api: string;
  /** `/t/<tenant>` */
  base: string;
  may(p: Permission): boolean;
};

export const TenantContext = createContext<TenantCtx | null>(null);

export function useTenant(): TenantCtx {
  const v = useContext(TenantContext);
  if (!v) throw new Error('useTenant outside a tenant page');
  return v;
}

export function tenantCtx(
  m: { id: string; name: string; role: Role; k: number; timeZone?: string | undefined },
  tick: number,
  connected: boolean,
): TenantCtx {
  const { id, name, role, k } = m;
  return {
    id,
    name,
    role,
    k,
    timeZone: alertZone(m),
    tick,
    connected,
    api: `/api/t/${encodeURIComponent(id)}`,
    base: `/t/${encodeURIComponent(id)}`,
    may: (p) => can(role, p),
  };
}
