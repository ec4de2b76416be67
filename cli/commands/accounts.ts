import { AccountError, AccountStore, AuditLog } from '@trendwacht/dashboard';
import { accountKeys, assertName } from '@trendwacht/shared';
import { type Config, type RedisClient, deleteKeys, requireRedisUrl, scanKeys } from '@trendwacht/shared/node';
import { type Command, UsageError, parse } from '../command';
import { readStdin, withRedis } from '../io';

/** Runs `fn` with the account store on a short-lived Redis connection; account errors are usage errors. */
export function withAccounts<T>(config: Config, fn: (a: AccountStore, redis: RedisClient) => Promise<T>): Promise<T> {
  return withRedis(requireRedisUrl(config), async (redis) => {
    try {
      return await fn(new AccountStore(redis, accountKeys(config.keyPrefix)), redis);
    } catch (e) {
      if (e instanceof AccountError) throw new UsageError(e.message);
      throw e;
    }
  });
}

const out = (s: string) => process.stdout.write(`${s}\n`);

export const tenantsCommand: Command = {
  name: 'tenants',
  summary: 'list, create and delete tenants (municipalities)',
  usage: `Usage: trendwacht tenants list
       trendwacht tenants create ID [--name "Display name"]
       trendwacht tenants delete ID --yes

A tenant id is lowercase letters, digits, "_" or "-" (it becomes part of Redis keys).
delete removes everything of a tenant: its aggregates, alerts, incidents, settings,
sources, queue and audit log, its memberships and API tokens (users stay; they keep
their other tenants). Stop the tenant's ingest and workers first, and archive its audit
log if it must be kept (trendwacht audit archive --tenant ID). The deletion itself is
written to the sign-in audit log. Needs REDIS_URL.`,
  async run(args, config) {
    const { values, positionals } = parse(args, { name: { type: 'string' }, yes: { type: 'boolean' } });
    const [sub, id] = positionals;
    return withAccounts(config, async (a, redis) => {
      if (sub === 'list') {
        for (const t of await a.tenants()) out(`${t.id}\t${t.name}`);
        return 0;
      }
      if (sub === 'create' && id) {
        const t = await a.createTenant(id, values.name ?? id);
        out(`tenant ${t.id} created (${t.name})`);
        return 0;
      }
      if (sub === 'delete' && id) {
        try {
          assertName('tenant', id);
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        const pattern = `${config.keyPrefix}:{${id}}:*`;
        let keys = 0;
        for await (const page of scanKeys(redis, pattern)) keys += page.length;
        if (!(await a.tenant(id)) && keys === 0) throw new UsageError(`no tenant ${id}`);
        if (!values.yes) {
          throw new UsageError(`this deletes all of tenant ${id} (${keys} keys and its members); repeat with --yes`);
        }
        const members = await a.deleteTenant(id);
        await deleteKeys(redis, pattern);
        await new AuditLog(redis, a.keys).append({
          actor: 'cli',
          action: 'tenant.delete',
          target: id,
          detail: { keys, members },
        });
        out(`tenant ${id} deleted: ${keys} keys, ${members} memberships`);
        return 0;
      }
      throw new UsageError('expected `list`, `create ID` or `delete ID --yes`');
    });
  },
};

export const usersCommand: Command = {
  name: 'users',
  summary: 'create users, grant or revoke roles per tenant, reset passwords',
  usage: `Usage: trendwacht users list --tenant T
       trendwacht users create USERNAME --tenant T --role ROLE [--name N] [--password-stdin]
       trendwacht users grant USERNAME --tenant T --role ROLE
       trendwacht users revoke USERNAME --tenant T
       trendwacht users password USERNAME [--password-stdin]

Roles: viewer (communications), crisis, analyst, admin. Without --password-stdin a
password is generated and printed once. Passwords have at least 12 characters and are
stored hashed (scrypt). Needs REDIS_URL.`,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      tenant: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    const [sub, username] = positionals;
    const need = (v: string | undefined, what: string) => {
      if (!v) throw new UsageError(`${what} is required`);
      return v;
    };
    const password = async () => (values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : undefined);
    return withAccounts(config, async (a) => {
      switch (sub) {
        case 'list':
          for (const m of await a.members(need(values.tenant, '--tenant'))) out(`${m.username}\t${m.role}\t${m.name}`);
          return 0;
        case 'create': {
          const tenant = need(values.tenant, '--tenant');
          const role = need(values.role, '--role');
          if (!(await a.tenant(tenant)))
            throw new UsageError(`no tenant ${tenant} (create it: trendwacht tenants create ${tenant})`);
          const given = await password();
          const r = await a.createUser(need(username, 'USERNAME'), values.name ?? '', given);
          await a.grant(r.user.username, tenant, role);
          out(`user ${r.user.username} created with role ${role} in ${tenant}`);
          if (!given) out(`password (shown once): ${r.password}`);
          return 0;
        }
        case 'grant':
          await a.grant(need(username, 'USERNAME'), need(values.tenant, '--tenant'), need(values.role, '--role'));
          out(`${username} is ${values.role} in ${values.tenant}`);
          return 0;
        case 'revoke': {
          const gone = await a.revoke(need(username, 'USERNAME'), need(values.tenant, '--tenant'));
          out(gone ? `${username} removed from ${values.tenant}` : `${username} was not a member of ${values.tenant}`);
          return gone ? 0 : 1;
        }
        case 'password': {
          const given = await password();
          const pw = given ?? (await import('@trendwacht/dashboard')).generatePassword();
          await a.setPassword(need(username, 'USERNAME'), pw);
          out(`password of ${username} changed`);
          if (!given) out(`password (shown once): ${pw}`);
          return 0;
        }
        default:
          throw new UsageError('expected list, create, grant, revoke or password');
      }
    });
  },
};
