import { z } from 'zod';

import type { RouteSpec } from './route';

/** Builds the OpenAPI 3.1 document from the route table, so it cannot drift from the code. */
export function buildOpenApiDocument(routes: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};

  for (const spec of routes) {
    const path = `/v1${spec.url}`.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...objectParameters(spec.params, 'path'),
      ...objectParameters(spec.query, 'query'),
    ];
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      security: [{ bearer: [] }],
      'x-required-role': spec.role,
      parameters,
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, description]) => [status, { description }]),
      ),
    };
    if (spec.bodyType === 'text/csv') {
      operation.requestBody = {
        required: true,
        content: { 'text/csv': { schema: { type: 'string' } } },
      };
    } else if (spec.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(spec.body) } },
      };
    }
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Packing Station server', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

function toSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (schema === undefined) return [];
  const json = toSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
