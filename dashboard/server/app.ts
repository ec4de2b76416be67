import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import {
  HttpError,
  type Reply,
  alertHandler,
  alertsHandler,
  guidanceHandler,
  healthHandler,
  narrativeHandler,
  narrativesHandler,
  overviewHandler,
  statsHandler,
  timelineHandler,
} from './handlers';
import type { ReadDeps } from './queries';
import type { SseHub } from './sse';

export type AppDeps = ReadDeps & { hub: SseHub; webDist: string; version: string; dev: boolean };

/** Express is a thin adapter: it routes to plain handlers and sends their reply. */
export function createApp(d: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  const send = (fn: (req: Request) => Promise<Reply>) => async (req: Request, res: Response) => {
    const reply = await fn(req);
    res.status(reply.status).json(reply.body);
  };
  app.get(
    '/api/health',
    send(() => healthHandler(d, d.version)),
  );
  app.get(
    '/api/overview',
    send((req) => overviewHandler(d, req.query)),
  );
  app.get(
    '/api/timeline',
    send((req) => timelineHandler(d, req.query)),
  );
  app.get(
    '/api/stats',
    send(() => statsHandler(d)),
  );
  app.get(
    '/api/alerts',
    send((req) => alertsHandler(d, req.query)),
  );
  app.get(
    '/api/alerts/:id',
    send((req) => alertHandler(d, req.params.id)),
  );
  app.get(
    '/api/narratives',
    send((req) => narrativesHandler(d, req.query)),
  );
  app.get(
    '/api/narratives/:id',
    send((req) => narrativeHandler(d, req.params.id)),
  );
  app.get(
    '/api/guidance/:theme',
    send((req) => guidanceHandler(req.params.theme)),
  );
  app.get('/api/stream', (_req, res) => d.hub.attach(res));
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
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const message = d.dev && err instanceof Error ? `${err.name}: ${err.message}` : 'internal error';
    res.status(500).json({ error: { code: 'internal', message } });
  });
  return app;
}
