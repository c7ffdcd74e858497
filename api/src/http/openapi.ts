import { z } from 'zod';
import { apiErrorSchema } from '../../../domain/envelope';
import type { RouteDoc } from './route-doc';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(docs: RouteDoc[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of docs) {
    const responses = Object.fromEntries(
      Object.entries(doc.responses).map(([status, response]) => {
        if (status === '204') return [status, { description: response.description }];
        const schema = Number(status) >= 400
          ? { $ref: '#/components/schemas/Error' }
          : response.data ? { type: 'object', required: ['data'], properties: { data: toSchema(response.data, 'output') } } : { type: 'object' };
        return [status, { description: response.description, content: { 'application/json': { schema } } }];
      }),
    );
    const pathParameters = [...doc.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const queryParameters = Object.entries(doc.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: toSchema(schema as z.ZodType, 'input'),
    }));
    const parameters = [...pathParameters, ...queryParameters];
    paths[doc.path] = {
      ...paths[doc.path],
      [doc.method]: {
        summary: doc.summary,
        tags: [doc.tag],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(doc.auth ? { security: [{ bearer: [] }] } : {}),
        ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(doc.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: toSchema(apiErrorSchema, 'output') },
    },
  };
}
