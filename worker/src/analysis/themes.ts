import { TARGETS, THEMES, type TargetId, type ThemeDef, type ThemeHit, type ThemeId } from '@trendwacht/shared';
import { type AnalysedLang, NEGATIONS, stem } from './lexicon';
import { tokenise } from './tokenise';

/** A taxonomy phrase compiled to stems for one language. */
type Phrase = { stems: string[]; term: string; theme?: ThemeId; target?: TargetId };
type Matcher = Map<string, Phrase[]>;

type CueMatch = { theme: ThemeId; term: string; pos: number; len: number };
type TargetMatch = { target: TargetId; pos: number };

/** Phrases that mark the whole post as counter-speech or reporting about others' words. */
const COUNTER: Record<AnalysedLang, string[]> = {
  nl: [
    'wie zegt dat',
    'discrimineert',
    'discriminatie',
    'racisme',
    'racistisch',
    'schaam je',
    'schandalig dat',
    'melden bij',
    'dit is haat',
    'dat is haat',
  ],
  fr: ['c est du racisme', 'raciste', 'racisme', 'discrimination', 'honte à', 'signalez'],
  en: ['is racist', 'is just racism', 'racism', 'is bigotry', 'shame on', 'report this', 'saying that'],
};

const HALF_LIFE = 0.4;
const NEGATION_WINDOW = 3;
const COUNTER_FACTOR = 0.2;

export class ThemeMatcher {
  private readonly matchers = new Map<AnalysedLang, Matcher>();
  private readonly counter = new Map<AnalysedLang, string[][]>();
  private readonly byId: ReadonlyMap<ThemeId, ThemeDef>;
  constructor(private readonly themes: readonly ThemeDef[] = THEMES) {
    this.byId = new Map(themes.map((t) => [t.id, t]));
  }

  /** Theme hits for a post's tokens, each with the rules and terms that fired. */
  match(lang: AnalysedLang, tokens: readonly string[], stems: readonly string[]): ThemeHit[] {
    const { cues, targets } = this.scan(lang, stems);
    if (cues.length === 0) return [];
    const counter = this.counterPhrases(lang).some((p) => includesSeq(stems, p));
    const negations = NEGATIONS[lang];
    const byTheme = new Map<ThemeId, { weight: number; because: Set<string> }>();
    const seen = new Set<string>();
    for (const cue of cues) {
      // Two taxonomy terms with the same stem ("haat", "haten") are one cue, not two.
      const at = `${cue.theme}@${cue.pos}`;
      if (seen.has(at)) continue;
      seen.add(at);
      const def = this.byId.get(cue.theme);
      if (!def) continue;
      const entry = byTheme.get(cue.theme) ?? { weight: 0, because: new Set<string>() };
      byTheme.set(cue.theme, entry);
      if (def.needsTarget && targets.length === 0) {
        entry.because.add('rule:no_target');
        continue;
      }
      if (negatedNear(tokens, cue.pos, cue.len, negations)) {
        entry.because.add('rule:negation');
        continue;
      }
      entry.weight += 1;
      entry.because.add(`term:${cue.term}`);
    }
    const hits: ThemeHit[] = [];
    for (const [id, { weight, because }] of byTheme) {
      if (weight === 0) continue;
      let score = 1 - HALF_LIFE ** weight;
      if (counter && id !== 'local') {
        score *= COUNTER_FACTOR;
        because.add('rule:counter_speech');
      }
      const target = nearestTarget(
        targets,
        cues.filter((c) => c.theme === id),
      );
      if (target) because.add(`target:${target}`);
      hits.push({ id, score: round(score), because: [...because], ...(target ? { target } : {}) });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  private scan(lang: AnalysedLang, stems: readonly string[]) {
    const matcher = this.matcher(lang);
    const cues: CueMatch[] = [];
    const targets: TargetMatch[] = [];
    for (let i = 0; i < stems.length; i++) {
      const candidates = matcher.get(stems[i] as string);
      if (!candidates) continue;
      for (const p of candidates) {
        if (!matchesAt(stems, i, p.stems)) continue;
        if (p.theme) cues.push({ theme: p.theme, term: p.term, pos: i, len: p.stems.length });
        if (p.target) targets.push({ target: p.target, pos: i });
      }
    }
    return { cues, targets };
  }

  private matcher(lang: AnalysedLang): Matcher {
    let m = this.matchers.get(lang);
    if (!m) {
      m = new Map();
      for (const def of this.themes) {
        for (const term of [...def.terms[lang], ...def.terms.any]) add(m, lang, term, { theme: def.id });
      }
      for (const [target, terms] of Object.entries(TARGETS) as [TargetId, (typeof TARGETS)[TargetId]][]) {
        for (const term of [...terms[lang], ...terms.any]) add(m, lang, term, { target });
      }
      this.matchers.set(lang, m);
    }
    return m;
  }

  private counterPhrases(lang: AnalysedLang): string[][] {
    let c = this.counter.get(lang);
    if (!c) {
      c = COUNTER[lang].map((p) => tokenise(p).map((t) => stem(lang, t)));
      this.counter.set(lang, c);
    }
    return c;
  }
}

function add(m: Matcher, lang: AnalysedLang, term: string, what: { theme?: ThemeId; target?: TargetId }) {
  const stems = tokenise(term).map((t) => stem(lang, t));
  const first = stems[0];
  if (!first) return;
  const list = m.get(first) ?? [];
  list.push({ stems, term, ...what });
  m.set(first, list);
}

function matchesAt(stems: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (stems[at + j] !== phrase[j]) return false;
  return true;
}

function includesSeq(stems: readonly string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= stems.length; i++) if (matchesAt(stems, i, phrase)) return true;
  return false;
}

function negatedNear(tokens: readonly string[], pos: number, len: number, neg: ReadonlySet<string>): boolean {
  const from = Math.max(0, pos - NEGATION_WINDOW);
  const to = Math.min(tokens.length, pos + len + NEGATION_WINDOW);
  for (let i = from; i < to; i++) {
    // A negation inside the cue ("horen hier niet") is part of the cue, not of its context.
    if (i >= pos && i < pos + len) continue;
    if (neg.has(tokens[i] as string)) return true;
  }
  return false;
}

function nearestTarget(targets: readonly TargetMatch[], cues: readonly CueMatch[]): TargetId | undefined {
  let best: TargetMatch | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const t of targets) {
    for (const c of cues) {
      const d = Math.abs(t.pos - c.pos);
      if (d < bestDist) {
        bestDist = d;
        best = t;
      }
    }
  }
  return best?.target;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
