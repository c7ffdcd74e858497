import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccessTokens } from '../../api/src/auth/access-tokens';
import { startAppWorker } from '../support/app-worker';
import { uniqueEmail } from '../support/infra';
import { startIntegrationsWorker } from '../support/integrations-worker';
import { createTestApi } from '../support/stack';

// Creator onboarding to Stripe Connect: the api starts a workflow, the integrations worker
// creates the Connect account once (against stripe-mock) and returns an account link.

let api: Awaited<ReturnType<typeof createTestApi>>;
let workers: Array<{ stop(): Promise<void> }>;
beforeAll(async () => {
  api = await createTestApi();
  workers = await Promise.all([startAppWorker(api.db), startIntegrationsWorker(api.db)]);
}, 120_000);
afterAll(async () => {
  await Promise.all((workers ?? []).map((worker) => worker.stop()));
  await api?.close();
});

async function userToken(role: 'user' | 'creator') {
  const id = crypto.randomUUID();
  await api.db.user.create({ data: { id, email: uniqueEmail('onboard'), passwordHash: 'x', role, emailVerifiedAt: new Date() } });
  const { token } = await createAccessTokens({ secret: api.config.JWT_SECRET, ttlSeconds: 600 }).issue({ userId: id, role });
  return { id, authorization: `Bearer ${token}` };
}
const onboard = (authorization: string) => api.app.request('/v1/creators/me/onboarding', { method: 'POST', headers: { host: 'localhost', authorization } });

it('returns a Connect onboarding link and keeps the account id sealed', async () => {
  const user = await userToken('creator');
  const creator = await api.db.creator.create({ data: { id: crypto.randomUUID(), userId: user.id, displayName: 'Ada' } });
  const response = await onboard(user.authorization);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ data: { url: expect.stringMatching(/^https:\/\//), expiresAt: expect.any(Number) } });
  const stored = await api.db.creator.findUniqueOrThrow({ where: { id: creator.id } });
  expect(stored.stripeAccountSealed).toMatch(/^dev-only:/);
  expect(stored.stripeAccountSealed).not.toContain('acct_');
  expect(stored.stripeAccountLookup).toMatch(/^[0-9a-f]{64}$/);
  expect((await onboard(user.authorization)).status).toBe(200);
  expect((await api.db.creator.findUniqueOrThrow({ where: { id: creator.id } })).stripeAccountSealed).toBe(stored.stripeAccountSealed);
});

it('refuses a user who is not a creator', async () => {
  const user = await userToken('user');
  expect((await onboard(user.authorization)).status).toBe(404);
});
