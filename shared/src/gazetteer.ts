import { z } from 'zod';

/**
 * A municipality's gazetteer: the names that make a post about this town (the worker's
 * relevance filter, worker/src/relevance/). Officials the tenant lists are part of it but
 * kept in `TenantSettings.officials` (they are also allowed as terms: person-names.ts).
 */
export const GAZETTEER_KINDS = [
  'municipality',
  'deelgemeente',
  'street',
  'square',
  'landmark',
  'postcode',
  'hashtag',
] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];
/** Kinds a gazetteer CSV may hold: the gazetteer's own and `official` (goes to settings.officials). */
export const GAZETTEER_CSV_KINDS = [...GAZETTEER_KINDS, 'official'] as const;
export type GazetteerCsvKind = (typeof GAZETTEER_CSV_KINDS)[number];

/** A place name as written ("Sint-Niklaas", "Grote Markt", "O.-L.-Vrouwkerk"): capitals are kept. */
export const PlaceNameSchema = z
  .string()
  .trim()
  .min(2, 'a place name has at least 2 characters')
  .max(80, 'a place name has at most 80 characters')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} .'’()-]*$/u,
    'a place name is letters, digits, spaces, dots, apostrophes or hyphens',
  );
/** A Belgian postcode: four digits. */
export const PostcodeSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{3}$/, 'a postcode is four digits');
/** A local hashtag, stored without its `#`, lowercased. */
export const HashtagSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, '').toLowerCase())
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{2,60}$/u, 'a hashtag is 2 to 60 letters, digits or underscores'));

const names = (max: number) => z.array(PlaceNameSchema).max(max).default([]);

export const GazetteerSchema = z.object({
  /** The municipality's own name(s), in each language it is written in ("Aalst", "Alost"). */
  municipality: names(10),
  /** Its sub-municipalities (deelgemeenten) and villages. */
  deelgemeente: names(100),
  street: names(5000),
  square: names(500),
  /** Landmarks, buildings, parks, events with a proper name. */
  landmark: names(500),
  postcode: z.array(PostcodeSchema).max(50).default([]),
  hashtag: z.array(HashtagSchema).max(200).default([]),
});
export type Gazetteer = z.infer<typeof GazetteerSchema>;
export const EMPTY_GAZETTEER: Gazetteer = GazetteerSchema.parse({});

/** Whether the tenant filters by relevance at all (a gazetteer with its own name, or local sources). */
export const gazetteerIsSet = (g: Gazetteer): boolean => GAZETTEER_KINDS.some((k) => g[k].length > 0);

export type GazetteerCsvError = { line: number; message: string };
export type GazetteerCsv = { gazetteer: Gazetteer; officials: string[]; rows: number; errors: GazetteerCsvError[] };

/**
 * Reads a gazetteer CSV: a header `kind,name` (either order; `;` also separates), then one
 * entry a line. Comment lines (`#` and a space) and blank lines are skipped; quoted fields may hold the separator.
 * A bad line is reported with its number and skipped; the rest is kept.
 */
export function parseGazetteerCsv(text: string): GazetteerCsv {
  const g: Record<GazetteerKind, string[]> = Object.fromEntries(GAZETTEER_KINDS.map((k) => [k, []])) as never;
  const officials: string[] = [];
  const errors: GazetteerCsvError[] = [];
  let rows = 0;
  let cols: { kind: number; name: number } | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    // `# …` is a comment; `#Aalst;hashtag` is a row.
    if (raw.trim() === '' || /^\s*#(\s|$)/.test(raw)) return;
    const cells = splitCsvLine(raw);
    if (!cols) {
      const lower = cells.map((c) => c.trim().toLowerCase());
      const kind = lower.indexOf('kind');
      const name = lower.indexOf('name');
      if (kind < 0 || name < 0) errors.push({ line, message: 'the header must name the columns kind and name' });
      else cols = { kind, name };
      return;
    }
    rows++;
    const kind = (cells[cols.kind] ?? '').trim().toLowerCase();
    const value = (cells[cols.name] ?? '').trim();
    if (!(GAZETTEER_CSV_KINDS as readonly string[]).includes(kind)) {
      errors.push({ line, message: `unknown kind "${kind.slice(0, 20)}" (one of ${GAZETTEER_CSV_KINDS.join(', ')})` });
      return;
    }
    const schema = kind === 'postcode' ? PostcodeSchema : kind === 'hashtag' ? HashtagSchema : PlaceNameSchema;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues[0]?.message ?? 'invalid value' });
      return;
    }
    const list = kind === 'official' ? officials : g[kind as GazetteerKind];
    if (!list.includes(parsed.data)) list.push(parsed.data);
  });
  if (!cols && errors.length === 0) errors.push({ line: 0, message: 'no header line (kind,name)' });
  const checked = GazetteerSchema.safeParse(g);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    errors.push({ line: 0, message: `${issue?.path.join('.')}: ${issue?.message}` });
    return { gazetteer: EMPTY_GAZETTEER, officials: [], rows, errors };
  }
  return { gazetteer: checked.data, officials, rows, errors };
}

/** A gazetteer (and officials) as CSV, readable by parseGazetteerCsv. */
export function gazetteerToCsv(g: Gazetteer, officials: readonly string[] = []): string {
  const quote = (s: string) => (/[",;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const out = ['kind,name'];
  for (const kind of GAZETTEER_KINDS) for (const v of g[kind]) out.push(`${kind},${quote(v)}`);
  for (const o of officials) out.push(`official,${quote(o)}`);
  return `${out.join('\n')}\n`;
}

function splitCsvLine(line: string): string[] {
  const sep = line.includes(',') || !line.includes(';') ? ',' : ';';
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
