import { expect } from 'vitest';
import { uniqueEmail } from './infra';
import type { createTestApi } from './stack';
import { hashPassword } from '../../api/src/auth/passwords';

// Test helpers for the creators and catalog tests: real users in PostgreSQL, real
// sessions from the api's own login, requests through the app.

type TestApi = Awaited<ReturnType<typeof createTestApi>>;
export interface TestActor {
  userId: string;
  token: string;
  creatorId?: string;
}

const PASSWORD = 'catalog test password';
let passwordHash: Promise<string> | undefined;

export function catalogClient(api: TestApi) {
  const request = (method: string, path: string, body?: unknown, token?: string) =>
    api.app.request(path, {
      method,
      headers: {
        host: 'localhost',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  /** A verified user inserted directly (role as given), logged in through POST /v1/auth/login. */
  async function user(role: 'user' | 'admin' = 'user'): Promise<TestActor> {
    const email = uniqueEmail(role);
    const userId = crypto.randomUUID();
    passwordHash ??= hashPassword(PASSWORD);
    await api.db.user.create({ data: { id: userId, email, passwordHash: await passwordHash, role, emailVerifiedAt: new Date() } });
    const login = await request('POST', '/v1/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const { data } = (await login.json()) as { data: { accessToken: string } };
    return { userId, token: data.accessToken };
  }

  /** A user who became a creator through POST /v1/creators (the access token still says `user`). */
  async function creator(displayName = 'Test Creator'): Promise<TestActor> {
    const actor = await user();
    const response = await request('POST', '/v1/creators', { displayName }, actor.token);
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { id: string } };
    return { ...actor, creatorId: data.id };
  }

  return {
    request,
    user,
    creator,
    get: (path: string, token?: string) => request('GET', path, undefined, token),
    post: (path: string, body: unknown, token?: string) => request('POST', path, body, token),
    patch: (path: string, body: unknown, token?: string) => request('PATCH', path, body, token),
  };
}

/** The body of a response, after checking its status. */
export async function expectStatus<T = { data: Record<string, unknown> }>(response: Response, status: number): Promise<T> {
  const body: unknown = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }>; requestId: string };
}

export const dropInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Genesis',
  description: 'The first drop',
  mediaUrl: 'https://cdn.example.com/genesis.png',
  saleStartsAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...overrides,
});
