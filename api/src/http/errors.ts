import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { apiErrorCodes, type ApiErrorCode } from '../../../domain/errors';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error whose code, status and message are safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const httpErrors = {
  badRequest: (message: string) => new HttpError(400, apiErrorCodes.badRequest, message),
  unauthenticated: (message = 'Authentication required') => new HttpError(401, apiErrorCodes.unauthenticated, message),
  forbidden: (message = 'You do not have access to this resource') => new HttpError(403, apiErrorCodes.forbidden, message),
  notFound: (message = 'Not found') => new HttpError(404, apiErrorCodes.notFound, message),
  conflict: (message: string) => new HttpError(409, apiErrorCodes.conflict, message),
  unavailable: (message = 'Service temporarily unavailable, try again shortly') => new HttpError(503, apiErrorCodes.unavailable, message),
  rateLimited: (retryAfterSeconds: number) =>
    new HttpError(429, apiErrorCodes.rateLimited, 'Too many requests, try again later', undefined, { 'Retry-After': String(retryAfterSeconds) }),
};
