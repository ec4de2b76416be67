import { z } from 'zod';

/**
 * One API route as a contract: its method and path, what it takes (path parameters, query,
 * JSON body) and what it answers with. The server checks what it sends against `response`
 * (in tests), the web client parses every answer with it, and /api/openapi.json is made
 * from the same schemas.
 */
export type ApiRoute = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style, e.g. `/api/t/:tenant/alerts/:id`. */
  path: string;
  summary: string;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  /** The JSON answer; `z.null()` for 204 No Content. */
  response: z.ZodTypeAny;
  /** Success status (200 unless said). */
  status?: number;
  /** Answered as a file (CSV, JSON Lines, a dossier): not JSON of `response` in the API sense. */
  file?: string;
};

export const route = <R extends ApiRoute>(r: R): R => r;

/** Tenant routes live under this prefix; the caller must be a member of `:tenant`. */
export const TENANT = '/api/t/:tenant';

/** The `:name` parameters of a path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
}

/** A path with its parameters filled in (each URI-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${path}: parameter ${name} missing`);
    return encodeURIComponent(v);
  });
}

export type ResponseOf<R extends ApiRoute> = z.output<R['response']>;
export type BodyOf<R extends ApiRoute> = R['body'] extends z.ZodTypeAny ? z.input<R['body']> : never;
export type QueryOf<R extends ApiRoute> = R['query'] extends z.ZodTypeAny ? z.input<R['query']> : never;

/** A count shown only when at least k distinct authors contributed; otherwise `null` ("< k"). */
export const guarded = z.number().int().nonnegative().nullable();
/** A point in time, epoch milliseconds. */
export const epochMs = z.number();
/** A text in the three UI languages. */
export const LabelSchema = z.object({ nl: z.string(), fr: z.string(), en: z.string() });
/** An id of an alert, incident, token or narrative. */
export const Id = z.string().regex(/^[a-z0-9-]{1,40}$/, 'not an id');
