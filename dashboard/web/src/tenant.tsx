import type { Permission, Role } from '@trendwacht/shared';
import { can } from '@trendwacht/shared';
import { createContext, useContext } from 'react';

export type TenantCtx = {
  id: string;
  name: string;
  role: Role;
  /** Smallest number of distinct authors a figure needs to be shown. */
  k: number;
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
  m: { id: string; name: string; role: Role; k: number },
  tick: number,
  connected: boolean,
): TenantCtx {
  const { id, name, role, k } = m;
  return {
    id,
    name,
    role,
    k,
    tick,
    connected,
    api: `/api/t/${encodeURIComponent(id)}`,
    base: `/t/${encodeURIComponent(id)}`,
    may: (p) => can(role, p),
  };
}
