import { createInterface } from 'node:readline';
import { AnalyzeInputSchema } from '@trendwacht/shared';
import { createAnalyzer } from '@trendwacht/worker';
import { type Command, parse } from '../command';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyse JSON Lines posts from stdin, one JSON result a line on stdout',
  usage: `Usage: trendwacht analyze [--explain] < posts.jsonl

Input, one a line:  {"id","text","lang"?,"createdAt"?}
Output, one a line: {"id","lang","themes":[{"id","score","stance","target"?}],
                     "hateful","hateScore","toxicity","sentiment"}
  stance:  attacking | defending (counter-speech, support, denial) | informing | other
  target:  the group a hate or threat hit aims at: migrants, muslims, jews, black,
           lgbtq, women, disabled, roma
With --explain each theme also says which rules and terms fired ("because").
Same analysis code as the worker; nothing is written anywhere else. Bad lines give an
error line on stderr (line number and reason) and the run goes on.`,
  async run(args) {
    const { values } = parse(args, { explain: { type: 'boolean' } });
    const analyze = createAnalyzer();
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    let bad = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const out = analyzeLine(line, analyze, values.explain === true);
      if ('error' in out) {
        bad++;
        process.stderr.write(`line ${n}: ${out.error}\n`);
        continue;
      }
      if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
        await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
      }
    }
    return bad > 0 && bad === n ? 1 : 0;
  },
};

function analyzeLine(line: string, analyze: ReturnType<typeof createAnalyzer>, explain: boolean): object {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'invalid_json: line is not valid JSON' };
  }
  const input = AnalyzeInputSchema.safeParse(json);
  if (!input.success) {
    const issue = input.error.issues[0];
    return { error: `invalid_shape: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  const id = String(input.data.id);
  const result = analyze({ id, text: input.data.text, ...(input.data.lang ? { lang: input.data.lang } : {}) });
  if (!result.ok) {
    return {
      id,
      lang: 'other',
      themes: [],
      hateful: false,
      hateScore: 0,
      toxicity: 0,
      sentiment: 0,
      dropped: result.reason,
    };
  }
  const a = result.analysis;
  return {
    ...a,
    themes: a.themes.map((t) =>
      explain ? t : { id: t.id, score: t.score, stance: t.stance, ...(t.target ? { target: t.target } : {}) },
    ),
  };
}
