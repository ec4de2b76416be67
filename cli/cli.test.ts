import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@trendwacht/shared/node';
import { describe, expect, it } from 'vitest';
import { loadSourcesFile } from './commands/ingest';
import { PROJECT_ROOT } from './io';
import { COMMANDS, main } from './main';
import { BIN } from './processes';

const run = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });

describe('bin/trendwacht', () => {
  it('lists every command and gives --help on each', async () => {
    // The binary itself once (a process start costs seconds on a loaded machine) …
    const top = run(['--help']);
    expect(top.status).toBe(0);
    const one = run(['analyze', '--help']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^Usage/);
    // … and the same entry point in process for every command.
    for (const c of COMMANDS) {
      expect(top.stdout).toContain(c.name);
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        out.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      try {
        expect(await main([c.name, '--help']), c.name).toBe(0);
      } finally {
        process.stdout.write = write;
      }
      expect(out.join(''), c.name).toMatch(/^Usage/);
    }
  });

  it('rejects an unknown command or option with usage and exit code 2', () => {
    expect(run(['nope']).status).toBe(2);
    const bad = run(['fixtures', '--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bogus/);
  });

  it('ingest sources: checks the sources file and names the tenant, source and field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-sources-'));
    const bad = join(dir, 'sources.json');
    writeFileSync(
      bad,
      JSON.stringify({
        gent: [
          { id: 'nieuws', kind: 'feed', urls: ['ftp://example.org/rss'] },
          { id: 'r', kind: 'reddit', subreddits: ['gent'], tokenEnv: 'abc.def-secret' },
        ],
      }),
    );
    const r = run(['ingest', 'sources', '--config', bad], undefined, { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('gent.0.urls.0: must start with http:// or https://');
    expect(r.stderr).toContain('gent.1.tokenEnv: must be the name of an environment variable');
    expect(r.stderr).not.toContain('abc.def-secret');
    // The example shipped with the project is valid.
    expect(() => loadSourcesFile(join(PROJECT_ROOT, 'config', 'sources.example.json'))).not.toThrow();
  });

  it('fails fast with a clear message on bad configuration', () => {
    const r = run(['worker'], undefined, { K_ANON: '1', REDIS_URL: 'nope' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/K_ANON/);
    expect(r.stderr).toMatch(/REDIS_URL/);
  });

  it('analyze: one JSON line per post on stdout, bad lines on stderr, the run goes on', () => {
    const input = [
      JSON.stringify({ id: 1, text: 'Die migranten zijn allemaal profiteurs.' }),
      '{not json',
      JSON.stringify({ id: 'b', text: 'Morgen naar de kermis in Lier, wie gaat er mee?', lang: 'nl' }),
      JSON.stringify({ text: 'geen id' }),
      JSON.stringify({ id: 'c', text: 'Chemtrails boven Gent, wakker worden!' }),
    ].join('\n');
    const r = run(['analyze'], input);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['1', 'b', 'c']);
    expect(lines[0]).toMatchObject({ lang: 'nl', hateful: true, themes: [{ id: 'hate', target: 'migrants' }] });
    expect(lines[1]).toMatchObject({ lang: 'nl', hateful: false, hateScore: 0 });
    expect(lines[2].themes[0].id).toBe('conspiracy');
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['hateScore', 'hateful', 'id', 'lang', 'sentiment', 'themes', 'toxicity']);
      expect(l.themes.every((t: object) => !('because' in t))).toBe(true);
    }
    expect(r.stderr).toMatch(/line 2: invalid_json/);
    expect(r.stderr).toMatch(/line 4: invalid_shape: id/);
    expect(r.stderr).not.toContain('geen id');
  });

  it('analyze --explain says which rules and terms fired', () => {
    const r = run(
      ['analyze', '--explain'],
      JSON.stringify({ id: 1, text: 'Wie zegt dat migranten profiteurs zijn, discrimineert.' }),
    );
    const [line] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line.themes[0].because).toEqual(expect.arrayContaining(['term:profiteurs', 'rule:counter_speech']));
    expect(line.hateful).toBe(false);
  });

  it('fixtures: deterministic JSON Lines', () => {
    const a = run(['fixtures', '--seed', '5', '--start', '2026-01-01T00:00:00Z', '--posts', '50']);
    const b = run(['fixtures', '--seed', '5', '--start', '2026-01-01T00:00:00Z', '--posts', '50']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trim().split('\n')).toHaveLength(500);
  });
});

describe('private redis-server', () => {
  it('says how to install one or set REDIS_URL when none is installed', async () => {
    await expect(startRedisServer({ dir: '/tmp/tw-none', bin: 'no-such-redis-server' })).rejects.toThrow(
      /apt-get install -y redis-server.*REDIS_URL/s,
    );
  });
});
