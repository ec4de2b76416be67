import { ROLES, type Role } from '@trendwacht/shared';
import type { AccountStore } from './accounts';
import { generatePassword } from './passwords';

export type DemoCredential = { role: Role; username: string; password: string };

/**
 * The demo tenant and one user per role, with fresh random passwords on every run (a
 * demo left running never has guessable accounts).
 */
export async function ensureDemoAccounts(a: AccountStore, tenant: string, name: string): Promise<DemoCredential[]> {
  if (!(await a.tenant(tenant))) await a.createTenant(tenant, name);
  const out: DemoCredential[] = [];
  for (const role of ROLES) {
    const username = `${role}@${tenant}`;
    const password = generatePassword();
    if (await a.user(username)) await a.setPassword(username, password);
    else await a.createUser(username, `Demo ${role}`, password);
    await a.grant(username, tenant, role);
    out.push({ role, username, password });
  }
  return out;
}
