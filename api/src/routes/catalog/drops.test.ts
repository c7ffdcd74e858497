import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../../tests/support/stack';
import { catalogClient, dropInput, expectStatus, type ErrorBody, type TestActor } from '../../../../tests/support/catalog-actors';

// Drops: who may create and change them, validation and sanitisation at the edge, public reads.

let api: Awaited<ReturnType<typeof createTestApi>>;
let client: ReturnType<typeof catalogClient>;
let creatorA: TestActor;
let creatorB: TestActor;
let admin: TestActor;
let plainUser: TestActor;

beforeAll(async () => {
  api = await createTestApi();
  client = catalogClient(api);
  [creatorA, creatorB, admin, plainUser] = await Promise.all([client.creator('A'), client.creator('B'), client.user('admin'), client.user()]);
});
afterAll(async () => api?.close());

interface DropBody {
  data: { id: string; creatorId: string; name: string; description: string; status: string; saleEndsAt: string | null; items: unknown[] };
}
const createDrop = async (actor: TestActor, overrides: Record<string, unknown> = {}) =>
  (await expectStatus<DropBody>(await client.post('/v1/drops', dropInput(overrides), actor.token), 201)).data;

describe('creating drops', () => {
  it('a creator creates a drop they own', async () => {
    const drop = await createDrop(creatorA);
    expect(drop).toMatchObject({ creatorId: creatorA.creatorId, name: 'Genesis', status: 'upcoming', saleEndsAt: null, items: [] });
    const stored = await api.db.drop.findUniqueOrThrow({ where: { id: drop.id } });
    expect(stored.creatorId).toBe(creatorA.creatorId);
  });

  it('refuses users who are not creators with 403, whatever the body', async () => {
    expect((await expectStatus<ErrorBody>(await client.post('/v1/drops', dropInput(), plainUser.token), 403)).error.code).toBe('forbidden');
    await expectStatus(await client.post('/v1/drops', {}, plainUser.token), 403);
  });

  it('requires authentication', async () => {
    await expectStatus(await client.post('/v1/drops', dropInput()), 401);
    await expectStatus(await client.post('/v1/drops', dropInput(), 'not.a.valid-token'), 401);
  });

  it('only admins create drops for another creator', async () => {
    const forA = await createDrop(admin, { creatorId: creatorA.creatorId });
    expect(forA.creatorId).toBe(creatorA.creatorId);
    await expectStatus(await client.post('/v1/drops', dropInput({ creatorId: creatorA.creatorId }), creatorB.token), 403);
    expect((await createDrop(creatorB, { creatorId: creatorB.creatorId })).creatorId).toBe(creatorB.creatorId);
    const unknown = await expectStatus<ErrorBody>(await client.post('/v1/drops', dropInput({ creatorId: crypto.randomUUID() }), admin.token), 422);
    expect(unknown.error.details?.[0]?.path).toBe('creatorId');
    await expectStatus(await client.post('/v1/drops', dropInput(), admin.token), 422);
  });

  it('stores the description as plain text', async () => {
    const description = 'Hello <script>alert(document.cookie)</script><img src=x onerror="steal()"> <b>world</b>\u0007 visit javascript:alert(1)';
    const drop = await createDrop(creatorA, { description, name: '<i>Shiny</i> thing' });
    expect(drop.description).toBe('Hello  world visit alert(1)');
    expect(drop.name).toBe('Shiny thing');
    expect((await api.db.drop.findUniqueOrThrow({ where: { id: drop.id } })).description).toBe('Hello  world visit alert(1)');
  });

  it('validates the body with 422 details (https media only, sale window, types, unknown fields)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ mediaUrl: 'http://cdn.example.com/a.png' }, 'mediaUrl'],
      [{ mediaUrl: 'javascript:alert(1)' }, 'mediaUrl'],
      [{ saleStartsAt: 'tomorrow' }, 'saleStartsAt'],
      [{ saleStartsAt: '2030-01-02T00:00:00Z', saleEndsAt: '2030-01-01T00:00:00Z' }, 'saleEndsAt'],
      [{ perBuyerLimit: 0 }, 'perBuyerLimit'],
      [{ name: '' }, 'name'],
      [{ ownerId: 'x' }, '(body)'],
    ];
    for (const [overrides, path] of cases) {
      const error = await expectStatus<ErrorBody>(await client.post('/v1/drops', dropInput(overrides), creatorA.token), 422);
      expect(error.error.code).toBe('validation_failed');
      expect(error.error.details?.map((detail) => detail.path)).toContain(path);
    }
    await expectStatus(await client.post('/v1/drops', '{"name": ', creatorA.token), 400);
    const wrongType = await api.app.request('/v1/drops', { method: 'POST', headers: { host: 'localhost', authorization: `Bearer ${creatorA.token}`, 'content-type': 'text/plain' }, body: 'x' });
    await expectStatus(wrongType, 415);
  });
});

describe('changing drops', () => {
  it('the owner changes their drop; the change is sanitised and merged', async () => {
    const drop = await createDrop(creatorA, { saleStartsAt: '2030-01-01T00:00:00Z' });
    const { data } = await expectStatus<DropBody>(await client.patch(`/v1/drops/${drop.id}`, { description: '<p>New</p> text', saleEndsAt: '2030-02-01T00:00:00Z' }, creatorA.token), 200);
    expect(data).toMatchObject({ id: drop.id, name: 'Genesis', description: 'New text', saleEndsAt: '2030-02-01T00:00:00.000Z' });
  });

  it('another creator gets 403 and a plain user gets 403 (drops are public), nothing changes', async () => {
    const drop = await createDrop(creatorA);
    for (const actor of [creatorB, plainUser]) {
      const error = await expectStatus<ErrorBody>(await client.patch(`/v1/drops/${drop.id}`, { name: 'Mine now' }, actor.token), 403);
      expect(error.error.code).toBe('forbidden');
    }
    await expectStatus(await client.patch(`/v1/drops/${drop.id}`, { name: 'Anyone' }), 401);
    expect((await api.db.drop.findUniqueOrThrow({ where: { id: drop.id } })).name).toBe('Genesis');
  });

  it('an admin changes any drop', async () => {
    const drop = await createDrop(creatorA);
    const { data } = await expectStatus<DropBody>(await client.patch(`/v1/drops/${drop.id}`, { name: 'Curated' }, admin.token), 200);
    expect(data).toMatchObject({ name: 'Curated', creatorId: creatorA.creatorId });
  });

  it('validates the change against the stored sale window', async () => {
    const drop = await createDrop(creatorA, { saleStartsAt: '2030-01-10T00:00:00Z' });
    const error = await expectStatus<ErrorBody>(await client.patch(`/v1/drops/${drop.id}`, { saleEndsAt: '2030-01-05T00:00:00Z' }, creatorA.token), 422);
    expect(error.error.details?.[0]?.path).toBe('saleEndsAt');
    for (const body of [{}, { mediaUrl: 'http://x.example/a.png' }, { creatorId: creatorB.creatorId }, { perBuyerLimit: 'many' }]) {
      await expectStatus(await client.patch(`/v1/drops/${drop.id}`, body, creatorA.token), 422);
    }
  });

  it('answers 404 for drops that do not exist', async () => {
    await expectStatus(await client.patch(`/v1/drops/${crypto.randomUUID()}`, { name: 'x' }, creatorA.token), 404);
    await expectStatus(await client.patch('/v1/drops/12345', { name: 'x' }, admin.token), 404);
  });
});

describe('reading drops', () => {
  it('is public, with the items', async () => {
    const drop = await createDrop(creatorA);
    await expectStatus(await client.post(`/v1/drops/${drop.id}/items`, { name: 'Common', priceCents: 500, currency: 'usd', supply: 10 }, creatorA.token), 201);
    const { data } = await expectStatus<DropBody>(await client.get(`/v1/drops/${drop.id}`), 200);
    expect(data.items).toEqual([expect.objectContaining({ name: 'Common', supply: 10, available: 10 })]);
  });

  it('answers 404 with the envelope for unknown and malformed ids', async () => {
    const error = await expectStatus<ErrorBody>(await client.get(`/v1/drops/${crypto.randomUUID()}`), 404);
    expect(error.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    await expectStatus(await client.get('/v1/drops/%27%20or%201=1'), 404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await client.get('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/v1/drops/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/v1/drops'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/v1/items/{id}']).toBeDefined();
    expect(doc.paths['/v1/creators']).toBeDefined();
  });
});
