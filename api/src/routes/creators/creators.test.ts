import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../../tests/support/stack';
import { catalogClient, expectStatus, type ErrorBody } from '../../../../tests/support/catalog-actors';

// POST /v1/creators and GET /v1/creators/:id on real PostgreSQL, with real sessions.

let api: Awaited<ReturnType<typeof createTestApi>>;
let client: ReturnType<typeof catalogClient>;

beforeAll(async () => {
  api = await createTestApi();
  client = catalogClient(api);
});
afterAll(async () => api?.close());

interface CreatorBody {
  data: { id: string; displayName: string; chargesEnabled: boolean; payoutsEnabled: boolean; createdAt: string };
}

describe('becoming a creator', () => {
  it('requires authentication', async () => {
    const error = await expectStatus<ErrorBody>(await client.post('/v1/creators', { displayName: 'Nobody' }), 401);
    expect(error.error.code).toBe('unauthenticated');
  });

  it('creates the profile, makes the user a creator, and answers 409 the second time', async () => {
    const user = await client.user();
    const { data } = await expectStatus<CreatorBody>(await client.post('/v1/creators', { displayName: '  Ada <b>Lovelace</b> ' }, user.token), 201);
    expect(data).toMatchObject({ displayName: 'Ada Lovelace', chargesEnabled: false, payoutsEnabled: false });
    expect((await api.db.user.findUniqueOrThrow({ where: { id: user.userId } })).role).toBe('creator');
    const me = await expectStatus<{ data: { role: string } }>(await client.get('/v1/me', user.token), 200);
    expect(me.data.role).toBe('creator');

    const again = await expectStatus<ErrorBody>(await client.post('/v1/creators', { displayName: 'Ada again' }, user.token), 409);
    expect(again.error.code).toBe('conflict');
    expect(await api.db.creator.count({ where: { userId: user.userId } })).toBe(1);
  });

  it('lets exactly one of two concurrent requests through', async () => {
    const user = await client.user();
    const statuses = await Promise.all([1, 2].map(async (n) => (await client.post('/v1/creators', { displayName: `Racer ${n}` }, user.token)).status));
    expect(statuses.sort()).toEqual([201, 409]);
    expect(await api.db.creator.count({ where: { userId: user.userId } })).toBe(1);
  });

  it('keeps an admin an admin', async () => {
    const admin = await client.user('admin');
    await expectStatus(await client.post('/v1/creators', { displayName: 'Ops' }, admin.token), 201);
    expect((await api.db.user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe('admin');
  });

  it('validates the body: 422 with details, unknown fields refused, HTML-only names refused', async () => {
    const user = await client.user();
    for (const body of [{}, { displayName: '' }, { displayName: '<script>x</script>' }, { displayName: 'x'.repeat(81) }, { displayName: 'Ok', role: 'admin' }]) {
      const error = await expectStatus<ErrorBody>(await client.post('/v1/creators', body, user.token), 422);
      expect(error.error.code).toBe('validation_failed');
      expect(error.error.details?.length).toBeGreaterThan(0);
    }
    await expectStatus(await client.post('/v1/creators', '{"displayName": ', user.token), 400);
    expect(await api.db.creator.count({ where: { userId: user.userId } })).toBe(0);
  });
});

describe('reading a creator', () => {
  it('is public and shows no private fields', async () => {
    const creator = await client.creator('Public Person');
    const body = await expectStatus<CreatorBody>(await client.get(`/v1/creators/${creator.creatorId}`), 200);
    expect(Object.keys(body.data).sort()).toEqual(['chargesEnabled', 'createdAt', 'displayName', 'id', 'payoutsEnabled']);
    expect(body.data).toMatchObject({ id: creator.creatorId, displayName: 'Public Person', payoutsEnabled: false });
  });

  it('answers 404 for unknown and malformed ids', async () => {
    await expectStatus(await client.get(`/v1/creators/${crypto.randomUUID()}`), 404);
    const error = await expectStatus<ErrorBody>(await client.get('/v1/creators/not-a-uuid'), 404);
    expect(error.error.code).toBe('not_found');
  });
});
