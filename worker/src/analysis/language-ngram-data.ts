import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Reads eld's n-gram database (npm `eld`, Apache-2.0: `src/ngrams/<size>.js` and its byte
 * table `src/dictionary.js`) as text, without importing it. Importing builds an object of
 * 81,000 keys that its module keeps alive for good (+44 MiB heap, ~2 s under load); we
 * only need it once, to pack it into typed arrays (language-ngrams.ts). The files are
 * JavaScript literals of a fixed shape — `{type:'S60',languages:{0:'am',…},ngrams:{'gram':
 * {lang:score,…},…}}` and `[' ', …]` — which this small reader accepts and nothing else.
 */
export type EldDatabase = {
  type: string;
  /** ISO 639-1 codes by eld's language index. */
  languages: string[];
  /** eld's byte → character table: how it writes UTF-8 bytes as one string. */
  dictionary: string[];
  /** Every n-gram with its (language index, stored score) pairs, flat. */
  ngrams: Iterable<[gram: string, pairs: number[]]>;
};

const require = createRequire(import.meta.url);

/** eld's source folder, found the way Node finds packages (its data files are not among its exports). */
function eldFolder(size: string): string {
  for (const dir of require.resolve.paths('eld') ?? []) {
    const folder = join(dir, 'eld', 'src');
    if (existsSync(join(folder, 'ngrams', `${size}.js`))) return folder;
  }
  throw new Error('language n-grams: package eld not found (npm ci)');
}

class Reader {
  i: number;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.i = start;
  }
  fail(what: string): never {
    throw new Error(`language n-grams: eld data not as expected (${what} at ${this.i})`);
  }
  expect(ch: string): void {
    if (this.s[this.i] !== ch) this.fail(`expected ${ch}`);
    this.i++;
  }
  skipSpace(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  /** A quoted string ('…' or "…") with JavaScript escapes, or a bare key up to `:`. */
  key(): string {
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') {
      const end = this.s.indexOf(':', this.i);
      if (end < 0) this.fail('key');
      const bare = this.s.slice(this.i, end);
      this.i = end;
      return bare;
    }
    let out = '';
    this.i++;
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail('unterminated string');
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        out += String.fromCharCode(Number.parseInt(this.s.slice(this.i, this.i + len), 16));
        this.i += len;
      } else
        out +=
          ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[e ?? ''] ?? e;
    }
  }
  int(): number {
    const start = this.i;
    while (/[0-9]/.test(this.s[this.i] ?? '')) this.i++;
    if (start === this.i) this.fail('number');
    return Number(this.s.slice(start, this.i));
  }
}

function readDictionary(text: string): string[] {
  const r = new Reader(text, text.indexOf('[', text.indexOf('export const dictionary')) + 1);
  const out: string[] = [];
  for (;;) {
    r.skipSpace();
    if (text[r.i] === ']') return out;
    out.push(r.key());
    r.skipSpace();
    if (text[r.i] === ',') r.i++;
  }
}

function* readNgrams(text: string, start: number): Generator<[string, number[]]> {
  const r = new Reader(text, start);
  while (text[r.i] !== '}') {
    const gram = r.key();
    r.expect(':');
    r.expect('{');
    const pairs: number[] = [];
    while (text[r.i] !== '}') {
      pairs.push(r.int());
      r.expect(':');
      pairs.push(r.int());
      if (text[r.i] === ',') r.i++;
    }
    r.i++;
    yield [gram, pairs];
    if (text[r.i] === ',') r.i++;
  }
}

export function loadEldDatabase(size: 'extrasmall' | 'small' | 'medium' | 'large' = 'small'): EldDatabase {
  const folder = eldFolder(size);
  const text = readFileSync(join(folder, 'ngrams', `${size}.js`), 'utf8');
  const type = /type:'([^']*)'/.exec(text)?.[1];
  const languagesText = /languages:\{([^}]*)\}/.exec(text)?.[1];
  const ngramsAt = text.indexOf('ngrams:{');
  if (!type || !languagesText || ngramsAt < 0) throw new Error('language n-grams: eld data not as expected (header)');
  const languages: string[] = [];
  for (const m of languagesText.matchAll(/(\d+):'([a-z]+)'/g)) languages[Number(m[1])] = m[2] as string;
  return {
    type,
    languages,
    dictionary: readDictionary(readFileSync(join(folder, 'dictionary.js'), 'utf8')),
    ngrams: { [Symbol.iterator]: () => readNgrams(text, ngramsAt + 'ngrams:{'.length) },
  };
}
