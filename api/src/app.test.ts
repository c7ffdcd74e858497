import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor } from '../../scripts/infra/postgres';
import { createTestApi } from '../../tests/support/stack';
import { inject } from 'vitest';

// Edge behaviour of the api: envelope, status codes, limits, headers, operations
// endpoints. Nothing here may answer 500, except the deliberate internal failure.

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi({ API_BODY_LIMIT_BYTES: '2048', API_TRUST_PROXY: 'true', AUTH_RATE_LIMIT_PER_IP: '3' });
});
afterAll(async () => api?.close());

const send = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  api.app.request(path, { method: init.method ?? 'POST', body: init.body, headers: { host: 'localhost', 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}`, ...init.headers } });
const json = { 'content-type': 'application/json' };

async function expectEnvelope(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.requestId).toMatch(/.{8,}/);
  expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

const endpoints = ['/v1/auth/signup', '/v1/auth/verify', '/v1/auth/resend', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout'];

describe('bad input on every endpoint', () => {
  it.each(endpoints)('%s: malformed JSON is 400', async (path) => {
    await expectEnvelope(await send(path, { body: '{"email": ', headers: json }), 400, 'bad_request');
  });
  it.each(endpoints)('%s: missing fields are 422 with details', async (path) => {
    const error = (await expectEnvelope(await send(path, { body: '{}', headers: json }), 422, 'validation_failed')) as { details?: unknown[] };
    expect(error.details?.length).toBeGreaterThan(0);
  });
  it.each(endpoints)('%s: wrong types are 422', async (path) => {
    const body = JSON.stringify({ email: 42, password: ['x'], code: 123456, refreshToken: { a: 1 } });
    await expectEnvelope(await send(path, { body, headers: json }), 422, 'validation_failed');
  });
  it.each(endpoints)('%s: a JSON array or null body is 422', async (path) => {
    await expectEnvelope(await send(path, { body: 'null', headers: json }), 422);
    await expectEnvelope(await send(path, { body: '[]', headers: json }), 422);
  });
  it.each(endpoints)('%s: an oversized body is 413', async (path) => {
    await expectEnvelope(await send(path, { body: JSON.stringify({ email: 'a'.repeat(5000) }), headers: json }), 413, 'payload_too_large');
  });
  it.each(endpoints)('%s: a non-JSON content type is 415', async (path) => {
    await expectEnvelope(await send(path, { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });
  it('rejects unknown fields, bad emails, short passwords and non-digit codes', async () => {
    await expectEnvelope(await send('/v1/auth/signup', { body: JSON.stringify({ email: 'a@b.co', password: 'long enough pw', admin: true }), headers: json }), 422);
    await expectEnvelope(await send('/v1/auth/signup', { body: JSON.stringify({ email: 'not-an-email', password: 'long enough pw' }), headers: json }), 422);
    await expectEnvelope(await send('/v1/auth/signup', { body: JSON.stringify({ email: 'a@b.co', password: 'short' }), headers: json }), 422);
    await expectEnvelope(await send('/v1/auth/verify', { body: JSON.stringify({ email: 'a@b.co', code: '12345a' }), headers: json }), 422);
  });
  it('answers unknown routes with a 404 envelope', async () => {
    await expectEnvelope(await send('/v1/nope', { method: 'GET' }), 404, 'not_found');
  });
  it('refuses a Host header outside the allowlist', async () => {
    await expectEnvelope(await send('/healthz', { method: 'GET', headers: { host: 'evil.example' } }), 400);
  });
  it('rate limits per client IP', async () => {
    const headers = { ...json, 'x-forwarded-for': '203.0.113.9' };
    const body = JSON.stringify({ email: 'ip-limit@example.test', password: 'whatever pw' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('/v1/auth/login', { body, headers })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('internal failures', () => {
  it('answer 500 with a request id and no internal detail', async () => {
    const broken = await createTestApi({ DATABASE_URL: databaseUrlFor(inject('postgresServerUrl'), 'dropline_does_not_exist') });
    try {
      const response = await broken.app.request('/v1/auth/login', {
        method: 'POST', headers: { host: 'localhost', ...json }, body: JSON.stringify({ email: 'a@b.co', password: 'whatever pw' }),
      });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal error', requestId: expect.any(String) } });
      expect(text).not.toMatch(/prisma|database|dropline_does_not_exist|postgres|at \w+ \(/i);
    } finally {
      await broken.close();
    }
  });
});

describe('operations endpoints and headers', () => {
  it('serves healthz, readyz, metrics and the OpenAPI document', async () => {
    expect((await send('/healthz', { method: 'GET' })).status).toBe(200);
    const ready = await send('/readyz', { method: 'GET' });
    expect(await ready.json()).toEqual({ data: { status: 'ready', checks: { database: 'ok', temporal: 'ok' } } });
    const metrics = await (await send('/metrics', { method: 'GET' })).text();
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/readyz",status="200"\} \d+/);
    expect(metrics).toContain('process_cpu_seconds_total');
    const doc = (await (await send('/openapi.json', { method: 'GET' })).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    for (const path of endpoints) expect(doc.paths[path]?.post?.requestBody).toBeDefined();
    expect(doc.paths['/v1/me']?.get).toBeDefined();
  });
  it('reports not ready when the database is unreachable', async () => {
    const broken = await createTestApi({ DATABASE_URL: databaseUrlFor(inject('postgresServerUrl'), 'dropline_does_not_exist') });
    try {
      const response = await broken.app.request('/readyz', { headers: { host: 'localhost' } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ data: { checks: { database: 'unreachable', temporal: 'ok' } } });
    } finally {
      await broken.close();
    }
  });
  it('sets security headers and CORS only for allowed origins', async () => {
    const allowed = await send('/v1/auth/login', { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const denied = await send('/v1/auth/login', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const health = await send('/healthz', { method: 'GET' });
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
