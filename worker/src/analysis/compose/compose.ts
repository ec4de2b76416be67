import { type AnalysedLang, stem } from '../lexicon';
import { type Composition, NOTHING } from './composition';
import { deniedExistence } from './existence';
import { frameMatches } from './frames';
import {
  TROPE_HATE,
  WEIGHT,
  derogates,
  mayMatter,
  ownWordsOf,
  positionsOf,
  predicatedCounters,
  properNoun,
  reclaimedAt,
  saidOfOthers,
  scathing,
  someoneElse,
} from './judgements';
import { TARGET_OF } from './lexicon-data';
import { type LexiconIndex, lexiconIndex } from './lexicon-index';
import { askedSentences, marksOf } from './marks';
import { structureOf } from './post-structure';
import { preferences } from './preference';
import { respell } from './respell';
import { resolve } from './spans';
import { type Attack, type Mention, PARTICIPLE, findAttacks, findMentions, isGroup, isKind, targetOf } from './targets';
import { tropeHits } from './tropes';
import { verdictOf } from './verdict';

export type { Composition, Verdict } from './composition';

const PRONOUN_FACTOR = 0.95;
const NEGATION_BEFORE = 5;
const NEGATION_AFTER = 3;
const TRIGGER_REACH = 9;
const SPEAKER_REACH = 2;

/**
 * The compositional detector: hate is a *target* (a protected group, named, by slur, or
 * pointed back at by a pronoun) × an *attack* on it (a negative emotion, attribute or
 * comparison, a call for exclusion or violence, a threat, a slur, a good word denied) ×
 * a *context* that does not undo it (negation, counter-speech, someone else's words, a
 * group as victim). Themes beyond hate are tropes next to their target. Everything it
 * reports is a lexicon entry or a rule name, never the post's own words.
 * `tokens` are `tokenise(text)` (after the pipeline's own repairs), `text` the normalised
 * text they came from (for punctuation and quotes).
 */
export function compose(
  lang: AnalysedLang,
  tokensIn: readonly string[],
  text: string,
  index: LexiconIndex = lexiconIndex(lang),
): Composition {
  const { tokens, from, repairs } = respell(index, tokensIn);
  const stems = tokens.map((t) => stem(lang, t));
  const all = index.find(tokens, stems);
  // Most posts name no group, harm no one and carry no trope: nothing more to read.
  if (!all.some(mayMatter) && !text.includes('(((')) return { ...NOTHING, repairs };
  const marks = marksOf(text);
  const clauses = from.map((i) => marks[i] ?? 0);
  // A phrase never spans punctuation: "walgelijk, dat …" is not "walgelijk dat".
  const found = all.filter((m) => clauses[m.pos] === clauses[m.pos + m.len - 1]);
  const { spans, flags, tropes } = resolve(found);
  const s = structureOf(
    tokens,
    clauses,
    spans,
    flags,
    text,
    tropes,
    text.includes('?') ? askedSentences(text) : undefined,
  );
  const context = new Set<string>();
  const terms = new Set<string>();
  if (s.question) context.add('question');

  const mentions = findMentions(s, spans).filter(
    (m) => !m.slur || !index.otherSense(tokens[m.pos] as string, stems, s.sentence, m.pos),
  );
  const predicated = predicatedCounters(lang, s, tokens, spans, flags, mentions);
  const notPosters = saidOfOthers(s, flags, spans, mentions);
  const counters = spans.filter(
    (m) => isKind(m, 'counter') && !predicated.includes(m) && !s.negatedBefore(m.pos, SPEAKER_REACH) && !notPosters(m),
  );
  const counter = counters.length > 0;
  const selfGroups = new Set(
    mentions
      .filter((m) => !m.viaPronoun && spans.some((x) => isKind(x, 'self') && x.pos <= m.pos && m.pos - x.pos <= 4))
      .map((m) => m.aim),
  );
  const victims = spans.filter((m) => isKind(m, 'victim'));
  const attacks = findAttacks(lang, tokens, spans, flags);
  // A scathing word ("walgelijk") compares as an attribute: "iets walgelijkers dan een X".
  const scathingWords = spans
    .filter((m) => isKind(m, 'counter') && scathing(lang, tokens, m))
    .map((m): Attack => ({ pos: m.pos, len: m.len, kind: 'attribute', term: m.term }));
  attacks.push(...preferences(tokens, s.sentence, flags, mentions, [...attacks, ...scathingWords]));
  attacks.push(...deniedExistence(s.sentence, flags, mentions, attacks));
  for (const m of predicated) attacks.push({ pos: m.pos, len: m.len, kind: 'attribute', term: m.term });

  const told = (w: string | undefined) => w !== undefined && PARTICIPLE[lang].test(w);
  let best = 0;
  let slurBest = false;
  let bestAttack: { a: Attack; m: Mention } | undefined;
  let cancelled = false;
  let positive = false;
  let threat: Composition['threat'];
  for (const a of attacks) {
    const target = targetOf(s, a, mentions);
    // A good word is denied before it ("zijn nooit goed"); after it, a negation starts
    // the next thought ("mensen zijn geen gevaar" denies the danger, not the people).
    const after = a.kind === 'positive' ? 0 : NEGATION_AFTER;
    // A good thing denied may come late ("ils n'apprendront jamais à vivre comme des gens civilisés").
    const before = a.kind === 'positive' || a.kind === 'tolerate' ? NEGATION_BEFORE + 2 : NEGATION_BEFORE;
    // A rhetorical question ("why can't X …") presupposes the attack; a good word in it stays denied.
    const rhetorical = a.kind !== 'positive' && a.kind !== 'tolerate' && s.rhetorical(a.pos);
    // "Wat hebben X ooit bijgedragen?", "How long will we tolerate X?": a good thing asked of as never there.
    // "Waarom laten we X nog stemmen?", "Pourquoi les X se croient-ils normaux ?": why a group
    // still has, or thinks it has, a good thing — it should not.
    const askedNever =
      (a.kind === 'positive' || a.kind === 'tolerate') && (s.askedEver(a.pos) || s.askedWhyStill(a.pos));
    // "Zijn X niet gewoon …?", "Aren't X …?": asking for assent asserts the attack (a good
    // word denied so stays denied: "ils savent pas vivre comme des humains ou quoi ?").
    const polar = a.kind !== 'positive' && a.kind !== 'tolerate' && s.polar(a.pos);
    // "Zijn X niet gewoon mensen zoals wij?": a good word asked for assent, verb first, is affirmed.
    const affirmed = (a.kind === 'positive' || a.kind === 'tolerate') && s.polar(a.pos, true);
    const negated = (s.negates(a.pos, a.len, before, after) && !rhetorical && !polar && !affirmed) || askedNever;
    // "ik ben het beu dát vrouwen bedreigd worden": fed up with what happens, not with them.
    if (a.kind === 'emotion' && s.complementAfter(a.pos + a.len)) continue;
    // "Wilders haat moslims", "il déteste les juifs": someone else's feeling, told.
    if (a.kind === 'emotion' && someoneElse(text, tokens, a.pos, s)) {
      context.add('reported');
      continue;
    }
    // "le mépris envers les Roms", "hatred against Jews": the emotion named as a thing, not felt.
    if (
      a.kind === 'emotion' &&
      target &&
      target.pos > a.pos &&
      s.governed(target.pos) &&
      s.namedAsThing(a.pos, target.pos)
    )
      continue;
    if (a.kind === 'positive' || a.kind === 'tolerate') {
      if (!target || !isGroup(target.aim)) continue;
      if (negated && s.lessNear(a.pos)) cancelled = true;
      // "Waarom mogen vrouwen daar nog steeds niet stemmen?": asking why a right is withheld.
      else if (negated && a.kind === 'tolerate' && s.askedBy(a.pos) && !askedNever) cancelled = true;
      else if (negated)
        consider({ ...a }, target, WEIGHT[a.kind], a.kind === 'positive' ? 'negated_positive' : 'not_tolerated');
      else if (a.kind === 'positive') positive = true;
      continue;
    }
    if (a.kind === 'violence' && !s.triggered(a.pos, TRIGGER_REACH)) continue;
    // "les migrants blessés", "refugees injured": a participle right after the group says what was done to them.
    if (a.kind === 'violence' && told(tokensIn[from[a.pos] as number]) && mentions.some((m) => m.pos + m.len === a.pos))
      continue;
    if (a.kind !== 'insinuation' && a.kind !== 'pity' && s.supposed(a.pos)) continue;
    // Dying is a wish only when wished or called for ("als ze allemaal zouden sterven"); else it is told.
    // "Hoeveel homo's moeten er nog sterven?": a question word asks, it laments; it wishes nothing.
    if (a.kind === 'perish' && (!s.wished(a.pos, TRIGGER_REACH) || s.askedBy(a.pos))) continue;
    // "refugees sent back", "Jews were expelled in 1290": an event reported, unless someone calls for it.
    if (
      a.kind === 'exclusion' &&
      (told(a.term?.split(' ')[0]) || told(tokensIn[from[a.pos] as number])) &&
      !s.modalNear(a.pos, TRIGGER_REACH)
    )
      continue;
    const victim = victims.some((v) => s.clause[v.pos] === s.clause[a.pos]) && !s.modalNear(a.pos, TRIGGER_REACH);
    if (a.kind === 'violence' || a.kind === 'death' || a.kind === 'perish') {
      if (!negated && !victim && !counter) {
        const aim = target?.aim ?? (s.secondPerson(a.pos) ? 'person' : undefined);
        if (aim) threat = { aim, score: WEIGHT[a.kind] };
      }
    }
    if (!target || !isGroup(target.aim)) continue;
    // A word that is merely negative ("moe") and a pronoun resolved ahead are two weak links.
    if (a.kind === 'polarity' && target.ahead) continue;
    // "Illegalen moeten het land uit": people named by their legal status, sent where the law
    // sends them — a policy, not hate (calling them vermin still is).
    if ((a.kind === 'exclusion' || a.kind === 'expel') && s.byStatus(target.pos)) continue;
    // "Als moslima ben ik het beu …": speaking as a member, about one's own group.
    if (selfGroups.has(target.aim)) continue;
    // An insinuation carries its own negation ("je ne laisserais jamais …", "never trust a …"),
    // pity its own lament ("that poor child hasn't got a chance").
    if ((negated && a.kind !== 'insinuation' && a.kind !== 'pity') || s.deniedSpeech(a.pos)) {
      cancelled = true;
      context.add('negation');
      continue;
    }
    // A group harmed ("werden aangevallen"), or the harm named before it ("the abuse aimed at
    // X … is sickening"): the post speaks of what is done to the group, not of the group.
    const harmNamedFirst = victims.some((v) => s.clause[v.pos] === s.clause[a.pos] && v.pos < target.pos);
    if (
      victim &&
      (harmNamedFirst || a.kind === 'violence' || a.kind === 'death' || a.kind === 'perish' || a.kind === 'emotion')
    ) {
      cancelled = true;
      context.add('victim');
      continue;
    }
    consider(a, target, WEIGHT[a.kind], undefined);
  }
  // A slur is a mention and an attack in one word, unless its own people speak (judgements.ts).
  const ownWords = ownWordsOf(spans, attacks, flags);
  for (const m of mentions) {
    if (!m.slur || m.viaPronoun || s.selfIdentified(m.pos) || s.negatedBefore(m.pos, 1)) continue;
    // "De Mongolen onder Dzjengis Khan", "Le Manteau de Gogol": capitalised mid-sentence, a name.
    if (properNoun(text, tokens[m.pos] as string)) continue;
    if (!bestAttack && reclaimedAt(ownWords, m.pos)) continue;
    consider({ pos: m.pos, len: m.len, kind: 'attribute' }, m, WEIGHT.slur, 'slur');
  }

  function consider(a: Attack, m: Mention, weight: number, rule: string | undefined): void {
    const w = weight * (m.viaPronoun ? PRONOUN_FACTOR : 1);
    if (rule) context.add(rule);
    if (a.term) terms.add(a.term);
    if (w > best) {
      best = w;
      bestAttack = { a: rule === 'slur' ? { ...a, kind: 'attribute' } : a, m };
      slurBest = rule === 'slur';
    }
  }

  const {
    verdict: read,
    hate: readHate,
    countered,
  } = verdictOf({
    lang,
    s,
    tokens,
    spans,
    mentions,
    counters,
    victims,
    cancelled,
    positive,
    best,
    bestAttack,
    context,
  });
  let verdict = read;
  let hate = readHate;
  if (bestAttack?.m.viaPronoun) context.add('pronoun');

  let group = bestAttack && isGroup(bestAttack.m.aim) ? bestAttack.m.aim : undefined;
  let attackKind: Composition['attack'] = bestAttack
    ? slurBest
      ? 'slur'
      : bestAttack.a.kind === 'polarity'
        ? 'attribute'
        : bestAttack.a.kind
    : undefined;
  for (const m of mentions) if (m.slur) terms.add('slur');
  const tropeList = tropeHits(
    lang,
    s,
    tropes,
    mentions,
    counters,
    group === 'jews' && verdict === 'attack' ? hate : 0,
    frameMatches(lang, s, tokens, tropes, mentions, positionsOf(flags, 'people'), index.frames),
    positionsOf(flags, 'debunk'),
    // "ik geloof dat": the speaker's own belief is a claim, not a report; "Jews think they are
    // …": what the post says a group thinks is the post's claim about the group.
    positionsOf(flags, 'belief').filter((p) => !s.speakerBefore(p) && !mentions.some((m) => m.pos + m.len === p)),
  );
  // A trope said of a group ("X control the banks", "X are all child murderers") derogates
  // that group, whatever the post says it is not ("I'm no antisemite, but …").
  const derogating = tropeList.find((t) => t.group && t.stance === 'attacking' && derogates(t));
  if (
    derogating?.group &&
    (verdict === 'neutral' || verdict === 'none' || verdict === 'support' || (verdict === 'defending' && !bestAttack))
  ) {
    verdict = 'attack';
    hate = Math.max(hate, TROPE_HATE);
    group = derogating.group;
    attackKind = 'implicit';
    context.add('trope');
  }
  return {
    verdict,
    hate: round(hate),
    ...(group ? { group, target: TARGET_OF[group] } : {}),
    ...(attackKind ? { attack: attackKind } : {}),
    context: [...context],
    terms: [...terms],
    ...(threat && !countered ? { threat } : {}),
    tropes: tropeList,
    repairs,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
