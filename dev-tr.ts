import { trendScenario } from './fixtures/src/index';
import { replayLines } from './cli/trend-replay';
const s = trendScenario(process.argv[2] ?? 'term', { days: 4, postsPerDay: 2000 });
const r = await replayLines(s.posts.map((p) => JSON.stringify(p)), { redisUrl: 'redis://127.0.0.1:6379' } as any, { threshold: Number(process.argv[3] ?? 6) });
console.log('onset', new Date(s.bursts[0]!.onset).toISOString(), r.posts, r.rejected, r.late);
for (const a of r.alerts) console.log(new Date(a.detectedAt).toISOString(), a.status, a.kind, a.key, a.theme, a.severity, a.observed, a.expected, a.score, a.distinctAuthors, a.baseline.method, a.terms.map(t=>t.term).join(','));
