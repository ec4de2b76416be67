import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditChainKeys, AuditLog, checkEntries } from '@trendwacht/dashboard';
import { tenantKeys } from '@trendwacht/shared';
import { type Command, UsageError, intOption, parse } from '../command';
import { withAccounts } from './accounts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const DAY_MS = 86_400_000;

/** Writes an archive file durably, refusing to overwrite one. */
function writeArchive(path: string, lines: readonly string[]): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Checks an archive file on its own: its entries link to each other and hash right. */
function verifyFile(path: string, json: boolean): number {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new UsageError(`${path}: no entries`);
  let first: { seq: number; prev: string };
  try {
    first = JSON.parse(lines[0] as string) as { seq: number; prev: string };
  } catch {
    throw new UsageError(`${path}: line 1 is not JSON`);
  }
  const r = checkEntries(lines, { seq: first.seq - 1, hash: first.prev });
  if (json) out(JSON.stringify({ file: path, ...r }));
  else if (r.ok) out(`${path}: intact, entries ${first.seq}–${r.last.seq}, last hash ${r.last.hash}`);
  else out(`${path}: BROKEN at entry ${r.seq}: ${r.reason}`);
  return r.ok ? 0 : 1;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'verify the hash-chained audit logs (detects changed or deleted entries); archive old entries',
  usage: `Usage: trendwacht audit verify [--tenant T] [--json]
       trendwacht audit verify --file FILE [--json]
       trendwacht audit archive --older-than DAYS --out DIR [--tenant T] [--json]

verify    recomputes every entry's hash and its link to the one before, for each tenant
          (or one) and for the sign-in log, from where archiving left it. Prints the head
          hash of each chain: note it down elsewhere to detect a rewrite of the whole
          chain later. With --file, checks an archive file on its own (no Redis needed).
archive   moves the entries older than DAYS days out of Redis into one file per chain in
          DIR (<chain>-<first seq>-<last seq>.jsonl, never overwritten, written to disk
          before anything is trimmed). The chain in Redis continues from the last archived
          entry, and verify checks it from there. A broken chain is not archived.
Exit code: 0 intact (or archived), 1 broken, 2 usage. Needs REDIS_URL (but verify --file).`,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      tenant: { type: 'string' },
      json: { type: 'boolean' },
      file: { type: 'string' },
      'older-than': { type: 'string' },
      out: { type: 'string' },
    });
    const json = values.json === true;
    const action = positionals[0];
    if (action !== 'verify' && action !== 'archive') throw new UsageError('expected `verify` or `archive`');
    if (action === 'verify' && values.file) return verifyFile(values.file, json);
    let days = 0;
    if (action === 'archive') {
      days = intOption('older-than', values['older-than'], 0);
      if (days < 1) throw new UsageError('archive needs --older-than DAYS (at least 1)');
      if (!values.out) throw new UsageError('archive needs --out DIR');
    }
    return withAccounts(config, async (a, redis) => {
      const chains: { name: string; keys: AuditChainKeys }[] = [];
      const tenants = values.tenant ? [values.tenant] : (await a.tenants()).map((t) => t.id);
      for (const t of tenants) chains.push({ name: t, keys: tenantKeys(config.keyPrefix, t) });
      if (!values.tenant) chains.push({ name: 'sign-ins', keys: a.keys });
      let broken = 0;
      const results = [];
      for (const c of chains) {
        const log = new AuditLog(redis, c.keys);
        if (action === 'verify') {
          const r = await log.verify();
          results.push({ chain: c.name, ...r });
          if (!r.ok) broken++;
          if (!json) {
            const archived = r.ok && r.archived > 0 ? ` (${r.archived} archived)` : '';
            out(
              r.ok
                ? `${c.name}: intact, ${r.entries} entries${archived}, head ${r.head || '(empty)'}`
                : `${c.name}: BROKEN at entry ${r.seq}: ${r.reason}`,
            );
          }
          continue;
        }
        const dir = values.out as string;
        mkdirSync(dir, { recursive: true });
        let file = '';
        const r = await log.archive(Date.now() - days * DAY_MS, async (lines, from) => {
          file = join(dir, `${c.name}-${from.seq + 1}-${from.seq + lines.length}.jsonl`);
          writeArchive(file, lines);
        });
        if ('error' in r) broken++;
        results.push({ chain: c.name, ...r, ...(file ? { file } : {}) });
        if (!json) {
          out(
            'error' in r
              ? `${c.name}: NOT archived: ${r.error}`
              : r.archived === 0
                ? `${c.name}: nothing older than ${days} days`
                : `${c.name}: ${r.archived} entries archived to ${file}; Redis continues from entry ${r.base.seq}`,
          );
        }
      }
      if (json) out(JSON.stringify({ ok: broken === 0, chains: results }));
      return broken === 0 ? 0 : 1;
    });
  },
};
