import type { z } from 'zod';
import { apiErrorSchema, type ApiError } from '../../domain/envelope';

// What the UI shows for any failure: the api's error envelope, or one built locally
// (network failure, client-side validation) which then has no requestId.
export type ErrorBody = Omit<ApiError['error'], 'requestId'> & { requestId?: string };

export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  accessToken?: string;
}

export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiRequestError(0, {
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
    });
  }
}

/** Unwraps `{ data }` from a successful response, or throws the response's error envelope. */
export async function readData<T extends z.ZodType>(response: Response, schema: T): Promise<z.output<T>> {
  if (!response.ok) throw await toApiError(response);
  const json: unknown = await response.json().catch(() => null);
  const data = typeof json === 'object' && json !== null && 'data' in json ? json.data : undefined;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiRequestError(response.status, {
      code: 'bad_response',
      message: 'The server sent an unexpected response.',
      requestId: requestIdOf(response),
    });
  }
  return parsed.data;
}

export async function expectSuccess(response: Response): Promise<void> {
  if (!response.ok) throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiRequestError> {
  const json: unknown = await response.json().catch(() => null);
  const parsed = apiErrorSchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(response.status, parsed.data.error);
  return new ApiRequestError(response.status, {
    code: `http_${String(response.status)}`,
    message: `Request failed (${[response.status, response.statusText].join(' ').trim()})`,
    requestId: requestIdOf(response),
  });
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiRequestError) return error.body;
  return { code: 'unexpected', message: error instanceof Error ? error.message : 'Something went wrong.' };
}

/** Validates form input with the shared request schema before it goes over the wire. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiRequestError(422, {
    code: 'validation_failed',
    message: 'Please check the highlighted fields.',
    details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
}
