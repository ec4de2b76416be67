import { existsSync, readFileSync } from 'node:fs';
import { connectRedis, requireRedisUrl } from '@trendwacht/shared/node';
import { type Command, UsageError, parse } from '../command';
import { audit, needlesFrom } from '../privacy-audit';

export const privacyAuditCommand: Command = {
  name: 'privacy-audit',
  summary: 'scan a live Redis (and its AOF/RDB) for text, author ids, URLs and sub-k words of given posts',
  usage: `Usage: trendwacht privacy-audit --posts FILE [--aof PATH] [--rdb FILE] [--k N] [--allow WORDS] [--json]

Reads every key and value of the Redis at REDIS_URL (BullMQ's keys included) and, with
--aof, the append-only file(s) (a file, or Redis 7's appendonlydir), with --rdb a
snapshot. Reports, for the posts in FILE (JSON Lines, as ingested):
  shingle     any 5-word shingle of a post's text
  author/url  any of their author ids or URLs
  rare-word   any word (4+ letters) fewer than k of their authors used
  rare-pair   any pair of adjacent words fewer than k of their authors used
  old-salt    a salt of a day before yesterday (live, in the AOF or RDB)
  sub-k-alert a stored alert that names fewer than k distinct authors
k is --k, else K_ANON (default 5). --allow takes words that may be at rest whatever the
posts say (comma-separated: the tenant's watch terms, its listed officials).
Findings name the post id and the key, never the text.
Exit code: 0 clean, 1 findings, 2 usage.`,
  async run(args, config) {
    const { values } = parse(args, {
      posts: { type: 'string' },
      aof: { type: 'string' },
      rdb: { type: 'string' },
      k: { type: 'string' },
      allow: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!values.posts) throw new UsageError('--posts FILE is required');
    const k = values.k === undefined ? config.k : Number(values.k);
    if (!Number.isInteger(k) || k < 2) throw new UsageError('--k must be an integer of at least 2');
    if (values.rdb && !existsSync(values.rdb)) throw new UsageError(`--rdb ${values.rdb}: no such file`);
    const posts = readFileSync(values.posts, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
    const allow = (values.allow ?? '').split(',').filter(Boolean);
    const redis = connectRedis(requireRedisUrl(config), { maxRetriesPerRequest: 3 });
    try {
      const report = await audit(redis, needlesFrom(posts, { k, allow }), values.aof, {
        k,
        ...(values.rdb ? { rdbPaths: [values.rdb] } : {}),
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ posts: posts.length, k, ...report })}\n`);
      } else {
        const files = values.aof || values.rdb ? ` and ${report.aofBytes} bytes of AOF/RDB` : '';
        process.stdout.write(
          `privacy audit: ${posts.length} posts checked against ${report.keys} keys (${report.bytes} bytes)` +
            `${files}, k = ${k}: ${report.findings.length} findings\n`,
        );
        for (const f of report.findings.slice(0, 50)) {
          const who = 'authors' in f ? ` (${f.authors} author${f.authors === 1 ? '' : 's'})` : '';
          process.stdout.write(`  ${f.kind} of post ${f.postId}${who} in ${f.where}\n`);
        }
      }
      return report.findings.length > 0 ? 1 : 0;
    } finally {
      await redis.quit().catch(() => undefined);
    }
  },
};
