import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWorker } from '../../../../tests/support/app-worker';
import { latestCode, uniqueEmail } from '../../../../tests/support/infra';
import { createTestApi } from '../../../../tests/support/stack';

// The auth endpoints end to end: api in-process, real PostgreSQL, real Temporal with the
// `app` worker, codes read from the SES emulator.

let api: Awaited<ReturnType<typeof createTestApi>>;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  api = await createTestApi({ AUTH_RATE_LIMIT_PER_ACCOUNT: '4' });
  worker = await startAppWorker(api.db);
});
afterAll(async () => {
  await worker?.stop();
  await api?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', host: 'localhost', ...headers }, body: JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = {}) => api.app.request(path, { headers: { host: 'localhost', ...headers } });

async function verifiedSession(password = 'correct horse battery') {
  const email = uniqueEmail('auth');
  expect((await post('/v1/auth/signup', { email, password })).status).toBe(201);
  const response = await post('/v1/auth/verify', { email, code: await latestCode(email) });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { accessToken: string; refreshToken: string; user: { id: string } } };
  return { email, password, ...data };
}

describe('signup, verify, login, me', () => {
  it('runs the whole flow and stores only a password hash', async () => {
    const email = uniqueEmail('Flow').toUpperCase();
    const signup = await post('/v1/auth/signup', { email: `  ${email} `, password: 'correct horse battery' });
    expect(signup.status).toBe(201);
    const { data } = (await signup.json()) as { data: { userId: string; email: string } };
    expect(data.email).toBe(email.toLowerCase());
    const row = await api.db.user.findUniqueOrThrow({ where: { id: data.userId } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain('correct horse');

    const beforeVerify = await post('/v1/auth/login', { email, password: 'correct horse battery' });
    expect(beforeVerify.status).toBe(403);
    expect(((await beforeVerify.json()) as { error: { code: string } }).error.code).toBe('email_not_verified');

    const verify = await post('/v1/auth/verify', { email, code: await latestCode(email.toLowerCase()) });
    expect(verify.status).toBe(200);
    const login = await post('/v1/auth/login', { email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { data: { accessToken: string } };
    const me = await get('/v1/me', { authorization: `Bearer ${session.data.accessToken}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ data: { id: data.userId, email: email.toLowerCase(), emailVerified: true, role: 'user' } });
  });

  it('answers 409 for a taken email without creating a second account', async () => {
    const { email } = await verifiedSession();
    const again = await post('/v1/auth/signup', { email, password: 'another password 1' });
    expect(again.status).toBe(409);
    expect(await api.db.user.count({ where: { email } })).toBe(1);
  });

  it('frees the email of a signup that expired unverified', async () => {
    const shortLived = await createTestApi({ VERIFICATION_CODE_TTL_SECONDS: '1' });
    try {
      const email = uniqueEmail('expire');
      const first = await shortLived.app.request('/v1/auth/signup', {
        method: 'POST', headers: { 'content-type': 'application/json', host: 'localhost' }, body: JSON.stringify({ email, password: 'first password 1' }),
      });
      const { data } = (await first.json()) as { data: { userId: string } };
      const code = await latestCode(email);
      await api.temporal.workflow.getHandle(`signup:${data.userId}`).result();
      const late = await post('/v1/auth/verify', { email, code });
      expect(late.status).toBe(400);
      expect((await post('/v1/auth/resend', { email })).status).toBe(200);
      expect((await post('/v1/auth/signup', { email, password: 'second password 2' })).status).toBe(201);
    } finally {
      await shortLived.close();
    }
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const { email } = await verifiedSession();
    const wrong = await post('/v1/auth/login', { email, password: 'not the password' });
    const unknown = await post('/v1/auth/login', { email: uniqueEmail('nobody'), password: 'not the password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = (await Promise.all([wrong.json(), unknown.json()])) as Array<{ error: { message: string } }>;
    expect(a?.error.message).toBe(b?.error.message);
  });

  it('answers a wrong code with 400 and the tries left', async () => {
    const email = uniqueEmail('wrong');
    await post('/v1/auth/signup', { email, password: 'correct horse battery' });
    const code = await latestCode(email);
    const response = await post('/v1/auth/verify', { email, code: code === '000000' ? '000001' : '000000' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/4 tries left/);
  });

  it('rate limits login per account with 429 and Retry-After', async () => {
    const { email } = await verifiedSession();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await post('/v1/auth/login', { email, password: 'wrong password!' })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const limited = await post('/v1/auth/login', { email, password: 'wrong password!' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects missing, malformed and forged bearer tokens', async () => {
    const { accessToken } = await verifiedSession();
    const forged = `${accessToken.slice(0, -4)}AAAA`;
    for (const authorization of [undefined, 'Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${forged}`, 'Bearer not.a.jwt']) {
      const response = await get('/v1/me', authorization ? { authorization } : {});
      expect(response.status).toBe(401);
    }
  });
});

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const session = await verifiedSession();
    const first = await post('/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { data: { refreshToken: string; accessToken: string } };
    expect(rotated.data.refreshToken).not.toBe(session.refreshToken);
    expect((await get('/v1/me', { authorization: `Bearer ${rotated.data.accessToken}` })).status).toBe(200);
    const second = await post('/v1/auth/refresh', { refreshToken: rotated.data.refreshToken });
    expect(second.status).toBe(200);
    const stored = await api.db.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(stored.every((row) => row.tokenHash.length === 64 && row.tokenHash !== session.refreshToken)).toBe(true);
  });

  it('revoke the whole family when an old token is reused', async () => {
    const session = await verifiedSession();
    const rotated = (await (await post('/v1/auth/refresh', { refreshToken: session.refreshToken })).json()) as { data: { refreshToken: string } };
    const reuse = await post('/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(reuse.status).toBe(401);
    // The legitimate newest token is now dead too: the family is revoked.
    expect((await post('/v1/auth/refresh', { refreshToken: rotated.data.refreshToken })).status).toBe(401);
    const family = await api.db.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(family.length).toBeGreaterThanOrEqual(2);
    expect(family.every((row) => row.revokedAt !== null)).toBe(true);
  });

  it('let only one of two concurrent refreshes win, then revoke the family', async () => {
    const session = await verifiedSession();
    const results = await Promise.all([1, 2].map(() => post('/v1/auth/refresh', { refreshToken: session.refreshToken })));
    expect(results.map((response) => response.status).sort()).toEqual([200, 401]);
  });

  it('end on logout', async () => {
    const session = await verifiedSession();
    expect((await post('/v1/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expect((await post('/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
  });
});
