import { generateDay } from '@trendwacht/fixtures';
import { type Command, intOption, parse } from '../command';
import { demoDayStart, writeLines } from '../io';

export const fixturesCommand: Command = {
  name: 'fixtures',
  summary: 'write the synthetic sample day as JSON Lines to stdout',
  usage: `Usage: trendwacht fixtures [--seed N] [--start ISO] [--posts N]

Writes the synthetic sample stream (fictitious authors, Flemish flavour, with the
scripted "kermis" incident) as one JSON post per line, sorted by createdAt.

  --seed N     random seed (default 42); the same seed gives the same posts
  --start ISO  start of the simulated day (default: 24 hours ago, on the hour)
  --posts N    background posts (default 5200; the incident adds 450)`,
  async run(args) {
    const { values } = parse(args, { seed: { type: 'string' }, start: { type: 'string' }, posts: { type: 'string' } });
    const posts = generateDay({
      seed: intOption('seed', values.seed, 42),
      start: demoDayStart(values.start),
      posts: intOption('posts', values.posts, 5200),
    });
    await writeLines(posts.map((p) => JSON.stringify(p)));
    return 0;
  },
};
