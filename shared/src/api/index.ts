import { z } from 'zod';
import { ADMIN_ROUTES, SESSION_ROUTES } from './admin';
import { HealthSchema } from './bodies';
import { type ApiRoute, route } from './contract';
import { NARRATIVE_ROUTES } from './narratives';
import { READ_ROUTES } from './reads';
import { WORK_ROUTES } from './work';

export * from './admin';
export * from './bodies';
export * from './contract';
export * from './narratives';
export * from './reads';
export * from './work';

/** Every route of the dashboard API, by name: the one contract of server, web client and OpenAPI. */
export const API = {
  health: route({ method: 'get', path: '/api/health', summary: 'Liveness and Redis', response: HealthSchema }),
  openapi: route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This API as OpenAPI 3.1',
    response: z.record(z.unknown()),
  }),
  ...SESSION_ROUTES,
  ...READ_ROUTES,
  ...NARRATIVE_ROUTES,
  ...WORK_ROUTES,
  ...ADMIN_ROUTES,
} as const satisfies Record<string, ApiRoute>;
export type ApiName = keyof typeof API;

/** The contract of a method and Express path, if there is one. */
export function contractOf(method: string, path: string): ApiRoute | undefined {
  return Object.values(API).find((r: ApiRoute) => r.method === method && r.path === path);
}
