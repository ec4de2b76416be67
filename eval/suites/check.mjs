#!/usr/bin/env node
// Validates every language folder under eval/suites/ (functional, themes, counter, civic TSVs) and prints
// counts. Structure only: it never judges whether a sentence is hateful, that is the suite author's call.
// Usage: node eval/suites/check.mjs [lang ...]   (exit code 1 when a file breaks a rule)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const WARNING_PREFIX = '# Synthetic test cases written for Trendwacht';

// HateCheck functionalities (Röttger et al. 2021); the suffix says the gold label.
const FUNCTIONALITIES = [
  'derog_neg_emote_h',
  'derog_neg_attrib_h',
  'derog_dehum_h',
  'derog_impl_h',
  'threat_dir_h',
  'threat_norm_h',
  'slur_h',
  'slur_homonym_nh',
  'slur_reclaimed_nh',
  'profanity_h',
  'profanity_nh',
  'ref_subs_clause_h',
  'ref_subs_sent_h',
  'negate_pos_h',
  'negate_neg_nh',
  'phrase_question_h',
  'phrase_opinion_h',
  'ident_neutral_nh',
  'ident_pos_nh',
  'counter_quote_nh',
  'counter_ref_nh',
  'target_obj_nh',
  'target_indiv_nh',
  'target_group_nh',
  'spell_char_swap_h',
  'spell_char_del_h',
  'spell_space_del_h',
  'spell_space_add_h',
  'spell_leet_h',
];
// Slur homonyms and reclaimed slurs are rare in some languages, so the brief asks for fewer.
const MIN_PER_FUNCTIONALITY = (f) => (f === 'slur_homonym_nh' || f === 'slur_reclaimed_nh' ? 12 : 24);
const MIN_TARGETS_PER_FUNCTIONALITY = 7;
const TARGETS = ['women', 'trans', 'gay', 'black', 'disabled', 'muslims', 'migrants', 'jews', 'roma'];
const NO_TARGET_FUNCTIONALITIES = new Set(['target_obj_nh', 'target_indiv_nh', 'profanity_nh', 'target_group_nh']);
const THEMES = ['antisemitism', 'far_right', 'islamist', 'conspiracy', 'disinfo', 'polarisation'];
const THEME_MIN = (t) => (t === 'antisemitism' || t === 'far_right' ? { pos: 40, neg: 25 } : { pos: 25, neg: 15 });
const COUNTER_KINDS = [
  'counter_quote',
  'counter_ref',
  'support',
  'victim_report',
  'news',
  'self_identity',
  'negated_stereotype',
  'policy',
  'contrast',
];
const LABELS = ['hateful', 'non-hateful'];

const FILES = {
  'functional.tsv': ['id', 'functionality', 'target', 'label', 'text'],
  'themes.tsv': ['id', 'theme', 'trope', 'label', 'text'],
  'counter.tsv': ['id', 'kind', 'target', 'label', 'text'],
  'civic.tsv': ['id', 'label', 'text'],
};

function readRows(path, header, errors) {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (!lines[0].startsWith(WARNING_PREFIX)) errors.push(`${path}: first line must be the content-warning comment`);
  const body = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const head = body.shift() ?? '';
  if (head !== header.join('\t')) errors.push(`${path}: header must be "${header.join('\\t')}", got "${head}"`);
  const rows = [];
  body.forEach((line, i) => {
    const cols = line.split('\t');
    if (cols.length !== header.length) {
      errors.push(`${path}: data row ${i + 1} has ${cols.length} columns, want ${header.length}: ${line.slice(0, 60)}`);
      return;
    }
    const row = Object.fromEntries(header.map((h, j) => [h, cols[j]]));
    if (row.text.trim() === '') errors.push(`${path}: ${row.id} has empty text`);
    if (row.text !== row.text.trim()) errors.push(`${path}: ${row.id} text has leading/trailing spaces`);
    rows.push(row);
  });
  const seen = new Set();
  for (const r of rows) {
    if (seen.has(r.id)) errors.push(`${path}: duplicate id ${r.id}`);
    seen.add(r.id);
  }
  // The same sentence twice inflates a score without testing anything new.
  const texts = new Map();
  for (const r of rows) {
    const key = r.text.toLowerCase();
    if (texts.has(key)) errors.push(`${path}: ${r.id} repeats the text of ${texts.get(key)}`);
    texts.set(key, r.id);
  }
  return rows;
}

const count = (rows, key) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map());
const fmt = (m) => [...m].map(([k, v]) => `${k}=${v}`).join(' ');

function checkFunctional(lang, rows, errors) {
  for (const r of rows) {
    if (!FUNCTIONALITIES.includes(r.functionality)) errors.push(`${r.id}: unknown functionality ${r.functionality}`);
    if (!r.id.startsWith(`${lang}-${r.functionality}-`))
      errors.push(`${r.id}: id must be ${lang}-<functionality>-<nnn>`);
    const want = r.functionality.endsWith('_nh') ? 'non-hateful' : 'hateful';
    if (r.label !== want) errors.push(`${r.id}: label ${r.label}, functionality says ${want}`);
    const noTarget = NO_TARGET_FUNCTIONALITIES.has(r.functionality);
    if (noTarget && r.target !== 'none') errors.push(`${r.id}: target must be none`);
    if (!noTarget && !TARGETS.includes(r.target)) errors.push(`${r.id}: unknown target ${r.target}`);
  }
  console.log(`  functional.tsv: ${rows.length} rows; ${fmt(count(rows, (r) => r.label))}`);
  console.log(`    per target: ${fmt(count(rows, (r) => r.target))}`);
  for (const f of FUNCTIONALITIES) {
    const fr = rows.filter((r) => r.functionality === f);
    const targets = new Set(fr.map((r) => r.target).filter((t) => t !== 'none'));
    console.log(`    ${f.padEnd(20)} ${String(fr.length).padStart(3)}  targets=${targets.size}`);
    if (fr.length < MIN_PER_FUNCTIONALITY(f))
      errors.push(`${lang}/${f}: ${fr.length} cases, want ${MIN_PER_FUNCTIONALITY(f)}`);
    if (!NO_TARGET_FUNCTIONALITIES.has(f) && targets.size < MIN_TARGETS_PER_FUNCTIONALITY)
      errors.push(`${lang}/${f}: ${targets.size} target groups, want ${MIN_TARGETS_PER_FUNCTIONALITY}`);
  }
}

function checkThemes(lang, rows, errors) {
  for (const r of rows) {
    if (!THEMES.includes(r.theme)) errors.push(`${r.id}: unknown theme ${r.theme}`);
    if (!/^[a-z0-9_]+$/.test(r.trope)) errors.push(`${r.id}: trope must be a slug, got ${r.trope}`);
    if (r.label !== '0' && r.label !== '1') errors.push(`${r.id}: label must be 0 or 1`);
  }
  console.log(`  themes.tsv: ${rows.length} rows`);
  for (const t of THEMES) {
    const tr = rows.filter((r) => r.theme === t);
    const pos = tr.filter((r) => r.label === '1').length;
    const neg = tr.filter((r) => r.label === '0').length;
    console.log(`    ${t.padEnd(13)} +${pos} -${neg}  tropes: ${fmt(count(tr, (r) => `${r.trope}/${r.label}`))}`);
    const min = THEME_MIN(t);
    if (pos < min.pos || neg < min.neg)
      errors.push(`${lang}/themes ${t}: +${pos} -${neg}, want +${min.pos} -${min.neg}`);
  }
}

function checkCounter(lang, rows, errors) {
  for (const r of rows) {
    if (!COUNTER_KINDS.includes(r.kind)) errors.push(`${r.id}: unknown kind ${r.kind}`);
    if (!LABELS.includes(r.label)) errors.push(`${r.id}: unknown label ${r.label}`);
    if (r.kind === 'contrast' && r.label !== 'hateful') errors.push(`${r.id}: contrast rows are hateful`);
    if (r.target !== 'none' && !TARGETS.includes(r.target)) errors.push(`${r.id}: unknown target ${r.target}`);
  }
  const hateful = rows.filter((r) => r.label === 'hateful').length;
  console.log(`  counter.tsv: ${rows.length} rows; hateful=${hateful}`);
  console.log(`    per kind: ${fmt(count(rows, (r) => r.kind))}`);
  console.log(`    per target: ${fmt(count(rows, (r) => r.target))}`);
  if (rows.length < 80) errors.push(`${lang}/counter: ${rows.length} rows, want 80`);
  if (hateful < 20) errors.push(`${lang}/counter: ${hateful} hateful contrast rows, want 20`);
}

function checkCivic(lang, rows, errors) {
  for (const r of rows) if (r.label !== 'non-hateful') errors.push(`${r.id}: civic rows are non-hateful`);
  const words = (r) => r.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const short = rows.filter((r) => words(r) <= 4).length;
  console.log(`  civic.tsv: ${rows.length} rows; short (1-4 words)=${short}; longer=${rows.length - short}`);
  if (rows.length - short < 80) errors.push(`${lang}/civic: ${rows.length - short} longer posts, want 80`);
  if (short < 30) errors.push(`${lang}/civic: ${short} short posts, want 30`);
}

const CHECKERS = {
  'functional.tsv': checkFunctional,
  'themes.tsv': checkThemes,
  'counter.tsv': checkCounter,
  'civic.tsv': checkCivic,
};

const wanted = process.argv.slice(2);
const langs = readdirSync(ROOT)
  .filter((d) => statSync(join(ROOT, d)).isDirectory())
  .filter((d) => d !== 'language') // language/ is the language-identification suite, not a language (its own README)
  // Other eval data may live beside the suites (e.g. a folder of short posts): a language folder holds suite files.
  .filter((d) => Object.keys(FILES).some((f) => existsSync(join(ROOT, d, f))))
  .filter((d) => wanted.length === 0 || wanted.includes(d))
  .sort();
const errors = [];
for (const lang of langs) {
  console.log(`${lang}:`);
  for (const [file, header] of Object.entries(FILES)) {
    const path = join(ROOT, lang, file);
    if (!existsSync(path)) {
      errors.push(`${lang}: missing ${file}`);
      continue;
    }
    const rows = readRows(path, header, errors);
    CHECKERS[file](lang, rows, errors);
  }
}
if (errors.length > 0) {
  console.error(`\n${errors.length} problem(s):`);
  for (const e of errors.slice(0, 200)) console.error(`  ${e}`);
  process.exit(1);
}
console.log(`\nOK: ${langs.join(', ') || '(no language folders)'}`);
