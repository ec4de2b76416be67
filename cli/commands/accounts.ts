import { AccountError, AccountStore, AuditLog } from '@trendwacht/dashboard';
import { accountKeys, tenantKeys } from '@trendwacht/shared';
import { type Config, type RedisClient, requireRedisUrl } from '@trendwacht/shared/node';
import { type Command, UsageError, parse } from '../command';
import { readStdin, withRedis } from '../io';

function withAccounts<T>(config: Config, fn: (a: AccountStore, redis: RedisClient) => Promise<T>): Promise<T> {
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
  summary: 'list and create tenants (municipalities)',
  usage: `Usage: trendwacht tenants list
       trendwacht tenants create ID [--name "Display name"]

A tenant id is lowercase letters, digits, "_" or "-" (it becomes part of Redis keys).
Needs REDIS_URL.`,
  async run(args, config) {
    const { values, positionals } = parse(args, { name: { type: 'string' } });
    const [sub, id] = positionals;
    return withAccounts(config, async (a) => {
      if (sub === 'list') {
        for (const t of await a.tenants()) out(`${t.id}\t${t.name}`);
        return 0;
      }
      if (sub === 'create' && id) {
        const t = await a.createTenant(id, values.name ?? id);
        out(`tenant ${t.id} created (${t.name})`);
        return 0;
      }
      throw new UsageError('expected `list` or `create ID`');
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

export const auditCommand: Command = {
  name: 'audit',
  summary: 'verify the hash-chained audit logs (detects changed or deleted entries)',
  usage: `Usage: trendwacht audit verify [--tenant T] [--json]

Recomputes every entry's hash and its link to the one before, for each tenant (or one)
and for the sign-in log. Prints the head hash of each chain: note it down elsewhere to
detect a rewrite of the whole chain later. Exit code: 0 intact, 1 broken, 2 usage.
Needs REDIS_URL.`,
  async run(args, config) {
    const { values, positionals } = parse(args, { tenant: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals[0] !== 'verify') throw new UsageError('expected `verify`');
    return withAccounts(config, async (a, redis) => {
      const chains: { name: string; keys: { audit: string; auditHead: string } }[] = [];
      const tenants = values.tenant ? [values.tenant] : (await a.tenants()).map((t) => t.id);
      for (const t of tenants) chains.push({ name: t, keys: tenantKeys(config.keyPrefix, t) });
      if (!values.tenant) chains.push({ name: '(sign-ins)', keys: a.keys });
      let broken = 0;
      const results = [];
      for (const c of chains) {
        const r = await new AuditLog(redis, c.keys).verify();
        results.push({ chain: c.name, ...r });
        if (!r.ok) broken++;
        if (!values.json) {
          out(
            r.ok
              ? `${c.name}: intact, ${r.entries} entries, head ${r.head || '(empty)'}`
              : `${c.name}: BROKEN at entry ${r.seq}: ${r.reason}`,
          );
        }
      }
      if (values.json) out(JSON.stringify({ ok: broken === 0, chains: results }));
      return broken === 0 ? 0 : 1;
    });
  },
};
