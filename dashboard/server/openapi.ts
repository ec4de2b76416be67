import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { API, type ApiRoute, ErrorBodySchema, pathParams } from '@trendwacht/shared';
import { z } from 'zod';

// The generator reads parameters through `.openapi()`, which this adds to zod's types.
extendZodWithOpenApi(z);

const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });

/** A GET query as parameters: the schema's object shape (refinements left to the server). */
function queryObject(q: z.ZodTypeAny | undefined): z.AnyZodObject | undefined {
  let s = q;
  while (s instanceof z.ZodEffects) s = s.innerType();
  return s instanceof z.ZodObject ? s : undefined;
}

function register(registry: OpenAPIRegistry, name: string, r: ApiRoute): void {
  const params = pathParams(r.path);
  const query = queryObject(r.query);
  const status = String(r.status ?? 200);
  registry.registerPath({
    operationId: name,
    method: r.method,
    path: r.path.replace(/:(\w+)/g, '{$1}'),
    summary: r.summary,
    ...(r.path.startsWith('/api/t/') ? { tags: ['tenant'] } : {}),
    request: {
      ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
      ...(query ? { query } : {}),
      ...(r.body ? { body: { content: json(r.body), required: true } } : {}),
    },
    responses: {
      [status]:
        status === '204'
          ? { description: 'done' }
          : r.file
            ? { description: 'a file', content: { [r.file]: { schema: z.string() } } }
            : { description: 'success', content: json(r.response) },
      default: { description: 'an error (one shape for every failure)', content: json(ErrorBodySchema) },
    },
  });
}

let cached: object | null = null;

/** The API as an OpenAPI 3.1 document, made from the routes' zod schemas in shared/src/api. */
export function openApiDocument(version: string): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token of the settings page (scope export or read)',
  });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'tw_session' });
  for (const [name, r] of Object.entries(API)) register(registry, name, r);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Trendwacht dashboard API',
      version,
      description:
        'Anonymous trends of one municipality (tenant). Every count is k-anonymous: null means fewer than k distinct authors.',
    },
    servers: [{ url: '/' }],
    security: [{ token: [] }, { session: [] }],
  });
  return cached;
}
