// JSON over HTTP to a Flow access node's REST API, every call bounded by a timeout.
import { classifyFlowMessage, FlowError } from './errors';

export interface HttpOptions {
  /** Base URL of the access API, e.g. http://127.0.0.1:8888 (paths are under /v1). */
  accessUrl: string;
  fetch?: typeof fetch;
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') return current.code;
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

function transportError(error: unknown, what: string, timeoutMs: number): FlowError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new FlowError('transient', `${what}: no answer within ${timeoutMs}ms`, { cause: error });
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new FlowError('transient', `${what}: ${code ? `${code} ` : ''}${message}`, { cause: error });
}

function messageOf(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return body.message;
  return fallback;
}

export type HttpRequest = (method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number) => Promise<unknown>;

export function createHttp(opts: HttpOptions): HttpRequest {
  const base = opts.accessUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  return async (method, path, body, timeoutMs) => {
    const what = `Flow ${method} ${path.split('?')[0]}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${base}${path}`, {
        method,
        signal,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw transportError(error, what, timeoutMs);
    }
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (status >= 200 && status < 300) {
      if (parsed === undefined && text) throw new FlowError('transient', `${what}: answer is not JSON (${text.slice(0, 200)})`, { httpStatus: status });
      return parsed;
    }
    const message = messageOf(parsed, text.slice(0, 500) || `HTTP ${status}`);
    if (status >= 500 || status === 429 || status === 408) {
      throw new FlowError('transient', `${what}: HTTP ${status}: ${message}`, { httpStatus: status });
    }
    if (status === 404) throw new FlowError('not_found', `${what}: ${message}`, { httpStatus: status });
    throw classifyFlowMessage(message, { httpStatus: status });
  };
}
