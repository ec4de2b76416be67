import type { z } from 'zod';

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
    const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (res.status === 401 && path !== '/api/session') onUnauthenticated();
    throw new ApiError(res.status, err?.error?.message ?? `HTTP ${res.status}`);
  }
  return res;
}

export async function getJson<T>(path: string, schema?: z.ZodType<T>): Promise<T> {
  const body: unknown = await (await request('GET', path)).json();
  return schema ? schema.parse(body) : (body as T);
}

export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  // 204 No Content (a deletion): nothing to read.
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** An export as a file: text, suggested name. */
export async function download(path: string): Promise<{ blob: Blob; name: string }> {
  const res = await request('GET', path);
  const disp = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disp)?.[1] ?? 'export';
  return { blob: await res.blob(), name };
}

/** Query string from defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
