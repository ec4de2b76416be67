import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API, type Role, can, contractOf, tenantKeys, tokenMay } from '@trendwacht/shared';
import { type RedisClient, readSettings, responseChecksOn } from '@trendwacht/shared/node';
import { parse as parseCookies } from 'cookie';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AuditLog } from './audit-log';
import { type Ctx, HttpError, type Principal, type Reply, type Scope } from './http';
import { IncidentStore } from './incidents';
import type { MetricsExporter } from './metrics';
import { openApiDocument } from './openapi';
import { resolvePrincipal } from './routes/session';
import { ROUTES, type Route, type RouteDeps } from './routes/table';
import type { SseHub } from './sse';

export const SESSION_COOKIE = 'tw_session';

export type AppDeps = RouteDeps & {
  redis: RedisClient;
  /** Key root (TRENDWACHT_KEY_PREFIX). */
  root: string;
  now: () => number;
  hub: SseHub;
  webDist: string;
  version: string;
  dev: boolean;
  /** Mark the session cookie Secure even on plain HTTP (behind a TLS proxy without trust proxy). */
  secureCookies?: boolean;
  /**
   * Express `trust proxy` (which X-Forwarded-* to believe); default: none, so no client can
   * pick its own address (a fresh sign-in budget per forged header). Set it behind a proxy.
   */
  trustProxy?: string;
  /** k of tenants that saved no settings (K_ANON). */
  defaultK?: number;
  metrics: MetricsExporter;
  /** Bearer token for /metrics; without one, /metrics answers loopback clients only. */
  metricsToken?: string;
  /**
   * Check every JSON answer against its route's response schema (shared/src/api) and answer
   * 500 `contract` when one does not match. On under tests (VITEST) or TRENDWACHT_CHECK_RESPONSES=1.
   */
  checkResponses?: boolean;
};

/** Answers that broke their contract in this process (tests read it). */
export const contractViolations: string[] = [];

/** Express is a thin adapter: authentication, tenant and role checks, CSRF, then a plain handler. */
export function createApp(d: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', d.trustProxy ?? false);
  app.use(helmet());
  app.use('/api', express.json({ limit: '64kb' }));

  app.get('/api/health', async (_req, res) => {
    const up = await d.redis
      .ping()
      .then(() => true)
      .catch(() => false);
    const body = { status: up ? 'ok' : 'degraded', redis: up ? 'up' : 'down', version: d.version };
    res.status(up ? 200 : 503).json(API.health.response.parse(body));
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(openApiDocument(d.version));
  });
  app.get('/metrics', async (req, res, next) => {
    try {
      if (!metricsAllowed(req, d.metricsToken, d.trustProxy !== undefined))
        throw new HttpError(403, 'forbidden', 'metrics: token required');
      res.setHeader('Content-Type', d.metrics.contentType);
      res.send(await d.metrics.render(d.now()));
    } catch (e) {
      next(e);
    }
  });
  // Decided once, not per request: on under tests or TRENDWACHT_CHECK_RESPONSES=1 (config).
  const deps: AppDeps = { ...d, checkResponses: d.checkResponses ?? responseChecksOn() };
  for (const route of ROUTES)
    app[route.method](route.path, (req, res, next) => serve(deps, route, req, res).catch(next));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'not_found', 'no such API route')));

  if (existsSync(d.webDist)) {
    app.use(express.static(d.webDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(d.webDist, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The dashboard is not built yet: run `npm run build`.');
    });
  }
  // One error shape for every failure; stacks only in development logs, never in answers.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) {
      if (err.retryAfterS) res.setHeader('Retry-After', String(err.retryAfterS));
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const body = err as { type?: string; status?: number };
    if (body?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_request', message: 'body: not valid JSON' } });
      return;
    }
    if (body?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'body: larger than 64 kB' } });
      return;
    }
    const message = d.dev && err instanceof Error ? `${err.name}: ${err.message}` : 'internal error';
    res.status(500).json({ error: { code: 'internal', message } });
  });
  return app;
}

/**
 * /metrics names every tenant: with a token, only its bearer; without one, only a client
 * on this host that is not a proxy. A reverse proxy on the same host connects from
 * loopback too, so a declared proxy (TRUST_PROXY) or any forwarding header turns the
 * loopback exception off (issue 22: it answered everyone through the proxy).
 */
function metricsAllowed(req: Request, token: string | undefined, behindProxy: boolean): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const want = Buffer.from(`Bearer ${token}`);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  if (behindProxy) return false;
  const h = req.headers;
  if (h['x-forwarded-for'] || h.forwarded || h['x-real-ip'] || h.via || h['x-forwarded-host']) return false;
  const from = req.socket.remoteAddress ?? '';
  return from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1';
}

async function serve(d: AppDeps, route: Route, req: Request, res: Response): Promise<void> {
  const cookie = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  const principal = await resolvePrincipal(d, cookie, req.headers.authorization);
  if (route.access !== 'public' && !principal) throw new HttpError(401, 'unauthenticated', 'sign in first');
  const params = req.params as Record<string, string>;
  let scope: Scope | null = null;
  if (params.tenant !== undefined && principal) scope = await scopeFor(d, principal, params.tenant, route);
  if (route.method !== 'get') checkWrite(req, principal);
  if (route.stream && scope) {
    const holder = principal?.sessionToken ? `s:${principal.sessionToken}` : `t:${principal?.username}`;
    await d.hub.attach(res, scope.keys.events, { holder, user: principal?.username ?? '' });
    return;
  }
  const ctx: Ctx = { principal, scope, params, query: req.query, body: req.body, ip: req.ip ?? 'unknown' };
  const reply = await route.run(ctx, d);
  if (d.checkResponses) checkReply(route, reply);
  send(d, req, res, reply);
}

/** The answer matches its route's response schema (files and 204 excepted), or a 500 `contract`. */
export function checkReply(route: Pick<Route, 'method' | 'path'>, reply: Reply): void {
  const contract = contractOf(route.method, route.path);
  const where = `${route.method.toUpperCase()} ${route.path}`;
  let problem: string | null = contract ? null : 'no contract in shared/src/api';
  if (contract && !contract.file && !reply.contentType && reply.status !== 204) {
    const r = contract.response.safeParse(reply.body);
    if (!r.success) problem = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  }
  if (!problem) return;
  contractViolations.push(`${where}: ${problem}`);
  throw new HttpError(500, 'contract', `${where} answered outside its contract: ${problem}`);
}

async function scopeFor(d: AppDeps, p: Principal, tenant: string, route: Route): Promise<Scope> {
  const role: Role | undefined = p.roles[tenant];
  // Another tenant's routes look like unknown ones: no hint that the tenant exists.
  if (!role) throw new HttpError(404, 'not_found', 'no such tenant');
  if (route.access !== 'public' && route.access !== 'user' && !can(role, route.access)) {
    throw new HttpError(403, 'forbidden', `your role (${role}) may not do this`);
  }
  // A token reaches only what its scope allows, whatever its owner's role (issue 22).
  if (
    p.via === 'token' &&
    !(route.access !== 'public' && route.access !== 'user' && tokenMay(p.tokenScope ?? 'export', route.access))
  ) {
    throw new HttpError(403, 'forbidden', `this token (scope ${p.tokenScope ?? 'export'}) may not do this`);
  }
  const keys = tenantKeys(d.root, tenant);
  const settings = await readSettings(d.redis, keys, d.defaultK);
  return {
    redis: d.redis,
    keys,
    k: settings.k,
    now: d.now,
    tenant,
    role,
    settings,
    incidents: new IncidentStore(d.redis, keys, d.now),
    audit: new AuditLog(d.redis, keys, d.now),
  };
}

/**
 * State changes: API tokens are read-only; a browser session must send its CSRF token
 * (X-CSRF-Token) and, when the browser says where it comes from, come from this origin.
 */
function checkWrite(req: Request, p: Principal | null): void {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      /* an unparsable origin is foreign */
    }
    if (host !== req.headers.host) throw new HttpError(403, 'forbidden', 'cross-origin request refused');
  }
  if (!p) return;
  if (p.via === 'token') throw new HttpError(403, 'forbidden', 'API tokens are read-only');
  if (req.headers['x-csrf-token'] !== p.csrf) throw new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token header');
}

function send(d: AppDeps, req: Request, res: Response, reply: Reply): void {
  if (reply.session !== undefined) {
    const options = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: req.secure || d.secureCookies === true,
      path: '/',
    };
    if (reply.session === null) res.clearCookie(SESSION_COOKIE, options);
    else res.cookie(SESSION_COOKIE, reply.session, options);
  }
  res.setHeader('Cache-Control', 'no-store');
  if (reply.contentType) {
    res.status(reply.status).type(reply.contentType);
    if (reply.filename) res.attachment(reply.filename);
    res.send(reply.body);
    return;
  }
  if (reply.status === 204) res.status(204).end();
  else res.status(reply.status).json(reply.body);
}
