import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { apiErrorCodes } from '../../../domain/errors';
import type { ApiError } from '../../../domain/envelope';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';

function envelope(c: Context<AppEnv>, error: HttpError): Response {
  const body: ApiError = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      requestId: c.get('requestId'),
    },
  };
  return c.json(body, error.status, error.headers);
}

/** The single place errors become responses: known errors as they are, anything else as a bare 500. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof HttpError) return envelope(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    return envelope(c, new HttpError(error.status, apiErrorCodes.badRequest, 'The request could not be processed'));
  }
  c.get('log').error({ err: error }, 'unhandled error');
  return envelope(c, new HttpError(500, apiErrorCodes.internal, 'Internal error'));
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return envelope(c, new HttpError(404, apiErrorCodes.notFound, 'No such endpoint'));
}
