import {
  type ApiRoute,
  type BodyOf,
  ErrorBodySchema,
  type QueryOf,
  type ResponseOf,
  fillPath,
} from '@trendwacht/shared';
import type { z } from 'zod';

/**
 * The typed client of the dashboard API. Every call names its route's contract
 * (`API.<name>` of shared/src/api): the body is typed by the route's request schema and
 * the answer is parsed with its response schema, so nothing the server sends is taken on
 * trust.
 */

/** The API answered with an error: its status and its message (safe to show). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** Called when the session ended (401): the app shows the sign-in page. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}
export function setCsrf(token: string | null): void {
  csrf = token;
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(await res.json().catch(() => null));
    if (res.status === 401 && path !== '/api/session') onUnauthenticated();
    throw new ApiError(res.status, err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  return res;
}

/** A schema, or a route whose response schema reads the answer. */
type Reader<S extends z.ZodTypeAny> = S | { response: S };
const schemaOf = <S extends z.ZodTypeAny>(r: Reader<S>): S => ('response' in r ? r.response : r);

/** GET a path (built by the caller) and parse the answer with the route's response schema. */
export async function getJson<S extends z.ZodTypeAny>(path: string, reader: Reader<S>): Promise<z.output<S>> {
  const body: unknown = await (await request('GET', path)).json();
  return schemaOf(reader).parse(body);
}

/** A state change on `path` as the route says (its method and a body of its schema), its answer parsed. */
export function send<R extends ApiRoute>(route: R, path: string, body?: BodyOf<R>): Promise<ResponseOf<R>> {
  return sendForm(route, path, body);
}

/**
 * A state change whose body a form built field by field (its types unknown here): the
 * server checks it with the route's schema and names a bad field; the answer is parsed.
 */
export async function sendForm<R extends ApiRoute>(route: R, path: string, body: unknown): Promise<ResponseOf<R>> {
  const res = await request(route.method.toUpperCase(), path, body);
  // 204 No Content (a deletion): nothing to read.
  return route.response.parse(res.status === 204 ? null : await res.json());
}

type CallArgs<R extends ApiRoute> = {
  /** Path parameters, e.g. `{ tenant: 'demo', id }`. */
  params?: Record<string, string>;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
};

/** A route by its contract: the path filled from `params`, the query added, the answer parsed. */
export function call<R extends ApiRoute>(route: R, args: CallArgs<R> = {}): Promise<ResponseOf<R>> {
  const query = args.query && typeof args.query === 'object' ? qs(args.query) : '';
  const path = `${fillPath(route.path, args.params ?? {})}${query}`;
  return route.method === 'get' ? getJson(path, route) : send(route, path, args.body);
}

/** An export as a file: text, suggested name. */
export async function download(path: string): Promise<{ blob: Blob; name: string }> {
  const res = await request('GET', path);
  const disp = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disp)?.[1] ?? 'export';
  return { blob: await res.blob(), name };
}

/** Query string from defined values. */
export function qs(params: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
