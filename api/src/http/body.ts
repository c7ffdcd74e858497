import type { Context } from 'hono';
import type { z } from 'zod';
import { apiErrorCodes } from '../../../domain/errors';
import { HttpError } from './errors';

/** Reads a JSON body and validates it; 415, 400 (malformed) or 422 (invalid) otherwise. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new HttpError(415, apiErrorCodes.unsupportedMediaType, 'Send the body as application/json');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, apiErrorCodes.badRequest, 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(
      422,
      apiErrorCodes.validation,
      'The request body is invalid',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })),
    );
  }
  return parsed.data;
}

/** Validates the query string; 422 with details otherwise. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    throw new HttpError(
      422,
      apiErrorCodes.validation,
      'The query parameters are invalid',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(query)', message: issue.message })),
    );
  }
  return parsed.data;
}
