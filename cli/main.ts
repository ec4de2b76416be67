import { ConfigError, loadConfig } from '@trendwacht/shared/node';
import { type Command, UsageError } from './command';
import { tenantsCommand, usersCommand } from './commands/accounts';
import { analyzeCommand } from './commands/analyze';
import { auditCommand } from './commands/audit';
import { benchCommand } from './commands/bench';
import { benchAnalyzeCommand } from './commands/bench-analyze';
import { benchIngestCommand } from './commands/bench-ingest';
import { benchLanguageCommand } from './commands/bench-language';
import { dashboardCommand } from './commands/dashboard';
import { evalCommand } from './commands/eval';
import { evalTrendsCommand } from './commands/eval-trends';
import { fixturesCommand } from './commands/fixtures';
import { ingestCommand } from './commands/ingest';
import { ingestServerCommand } from './commands/ingest-server';
import { privacyAuditCommand } from './commands/privacy-audit';
import { replayCommand } from './commands/replay';
import { startCommand } from './commands/start';
import { trainCommand } from './commands/train';
import { workerCommand } from './commands/worker';

export const COMMANDS: readonly Command[] = [
  startCommand,
  ingestCommand,
  ingestServerCommand,
  workerCommand,
  dashboardCommand,
  analyzeCommand,
  privacyAuditCommand,
  fixturesCommand,
  trainCommand,
  evalCommand,
  benchCommand,
  benchAnalyzeCommand,
  benchIngestCommand,
  benchLanguageCommand,
  replayCommand,
  evalTrendsCommand,
  tenantsCommand,
  usersCommand,
  auditCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Trendwacht — privacy-first social-media trend monitor for municipalities',
    '',
    'Usage: trendwacht <command> [options]    (trendwacht <command> --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (see README.md): REDIS_URL, PORT,',
    'TRENDWACHT_SEAL_KEY, TRENDWACHT_TENANT, K_ANON, BATCH_SIZE, …',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`trendwacht: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, loadConfig());
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`trendwacht ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    const expected = ['RedisServerMissing', 'DatasetMissing', 'ModelFormatError'];
    if (err instanceof ConfigError || (err instanceof Error && expected.includes(err.name))) {
      process.stderr.write(`trendwacht ${name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`trendwacht ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
