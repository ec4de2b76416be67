import { readFileSync } from 'node:fs';
import { connectRedis, requireRedisUrl } from '@trendwacht/shared/node';
import { type Command, UsageError, parse } from '../command';
import { audit, needlesFrom } from '../privacy-audit';

export const privacyAuditCommand: Command = {
  name: 'privacy-audit',
  summary: 'scan a live Redis (and its AOF) for any text, author id or URL of given posts',
  usage: `Usage: trendwacht privacy-audit --posts FILE [--aof PATH] [--json]

Reads every key and value of the Redis at REDIS_URL (BullMQ's keys included) and, with
--aof, the append-only file(s) (a file, or Redis 7's appendonlydir). Reports any 5-word
shingle of the texts of the posts in FILE (JSON Lines, as ingested) and any of their
author ids or URLs. Findings name the post id and the key, never the text.
Exit code: 0 clean, 1 findings, 2 usage.`,
  async run(args, config) {
    const { values } = parse(args, { posts: { type: 'string' }, aof: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.posts) throw new UsageError('--posts FILE is required');
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
    const redis = connectRedis(requireRedisUrl(config), { maxRetriesPerRequest: 3 });
    try {
      const report = await audit(redis, needlesFrom(posts), values.aof);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ posts: posts.length, ...report })}\n`);
      } else {
        process.stdout.write(
          `privacy audit: ${posts.length} posts checked against ${report.keys} keys (${report.bytes} bytes)` +
            `${values.aof ? ` and ${report.aofBytes} bytes of AOF` : ''}: ${report.findings.length} findings\n`,
        );
        for (const f of report.findings.slice(0, 50)) {
          process.stdout.write(`  ${f.kind} of post ${f.postId} in ${f.where}\n`);
        }
      }
      return report.findings.length > 0 ? 1 : 0;
    } finally {
      await redis.quit().catch(() => undefined);
    }
  },
};
