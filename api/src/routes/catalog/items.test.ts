import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../../tests/support/stack';
import { catalogClient, dropInput, expectStatus, type ErrorBody, type TestActor } from '../../../../tests/support/catalog-actors';

// Items: added and priced by the drop's creator or an admin, supply fixed at creation, public reads.

let api: Awaited<ReturnType<typeof createTestApi>>;
let client: ReturnType<typeof catalogClient>;
let creatorA: TestActor;
let creatorB: TestActor;
let admin: TestActor;
let plainUser: TestActor;
let dropId: string;

beforeAll(async () => {
  api = await createTestApi();
  client = catalogClient(api);
  [creatorA, creatorB, admin, plainUser] = await Promise.all([client.creator('A'), client.creator('B'), client.user('admin'), client.user()]);
  dropId = (await expectStatus<{ data: { id: string } }>(await client.post('/v1/drops', dropInput(), creatorA.token), 201)).data.id;
});
afterAll(async () => api?.close());

interface ItemBody {
  data: { id: string; dropId: string; name: string; priceCents: number; currency: string; supply: number; available: number };
}
const itemInput = (overrides: Record<string, unknown> = {}) => ({ name: 'Gold', priceCents: 2500, currency: 'usd', supply: 100, ...overrides });
const createItem = async (actor: TestActor = creatorA, overrides: Record<string, unknown> = {}) =>
  (await expectStatus<ItemBody>(await client.post(`/v1/drops/${dropId}/items`, itemInput(overrides), actor.token), 201)).data;

describe('adding items', () => {
  it('the owner adds an item; available starts at supply', async () => {
    const item = await createItem(creatorA, { name: '<b>Gold</b> edition' });
    expect(item).toMatchObject({ dropId, name: 'Gold edition', priceCents: 2500, currency: 'usd', supply: 100, available: 100 });
    expect((await api.db.item.findUniqueOrThrow({ where: { id: item.id } })).available).toBe(100);
  });

  it('an admin adds items to any drop; other creators and users get 403', async () => {
    await createItem(admin);
    for (const actor of [creatorB, plainUser]) {
      expect((await expectStatus<ErrorBody>(await client.post(`/v1/drops/${dropId}/items`, itemInput(), actor.token), 403)).error.code).toBe('forbidden');
    }
    await expectStatus(await client.post(`/v1/drops/${dropId}/items`, itemInput()), 401);
  });

  it('answers 404 for an unknown drop', async () => {
    await expectStatus(await client.post(`/v1/drops/${crypto.randomUUID()}/items`, itemInput(), creatorA.token), 404);
  });

  it('validates the body', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ priceCents: 10 }, 'priceCents'],
      [{ priceCents: 12.5 }, 'priceCents'],
      [{ currency: 'btc' }, 'currency'],
      [{ supply: 0 }, 'supply'],
      [{ available: 5 }, '(body)'],
    ];
    for (const [overrides, path] of cases) {
      const error = await expectStatus<ErrorBody>(await client.post(`/v1/drops/${dropId}/items`, itemInput(overrides), creatorA.token), 422);
      expect(error.error.details?.map((detail) => detail.path)).toContain(path);
    }
  });
});

describe('changing items', () => {
  it('the owner and an admin change the price; another creator gets 403', async () => {
    const item = await createItem();
    expect((await expectStatus<ItemBody>(await client.patch(`/v1/items/${item.id}`, { priceCents: 3000 }, creatorA.token), 200)).data.priceCents).toBe(3000);
    expect((await expectStatus<ItemBody>(await client.patch(`/v1/items/${item.id}`, { priceCents: 3500 }, admin.token), 200)).data.priceCents).toBe(3500);
    await expectStatus(await client.patch(`/v1/items/${item.id}`, { priceCents: 1 }, creatorB.token), 403);
    await expectStatus(await client.patch(`/v1/items/${item.id}`, { priceCents: 99 }), 401);
    expect((await api.db.item.findUniqueOrThrow({ where: { id: item.id } })).priceCents).toBe(3500);
  });

  it('never changes supply or currency', async () => {
    const item = await createItem();
    for (const body of [{ supply: 5 }, { priceCents: 900, supply: 500 }, { currency: 'eur' }]) {
      const error = await expectStatus<ErrorBody>(await client.patch(`/v1/items/${item.id}`, body, creatorA.token), 422);
      expect(error.error.details?.[0]?.message).toMatch(/supply and currency cannot change/);
    }
    const stored = await api.db.item.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored).toMatchObject({ supply: 100, available: 100, currency: 'usd', priceCents: 2500 });
  });

  it('refuses empty or invalid changes and unknown items', async () => {
    const item = await createItem();
    await expectStatus(await client.patch(`/v1/items/${item.id}`, {}, creatorA.token), 422);
    await expectStatus(await client.patch(`/v1/items/${item.id}`, { priceCents: -5 }, creatorA.token), 422);
    await expectStatus(await client.patch(`/v1/items/${crypto.randomUUID()}`, { priceCents: 900 }, admin.token), 404);
    await expectStatus(await client.patch('/v1/items/nope', { priceCents: 900 }, admin.token), 404);
  });
});

describe('reading items', () => {
  it('is public', async () => {
    const item = await createItem();
    const { data } = await expectStatus<ItemBody>(await client.get(`/v1/items/${item.id}`), 200);
    expect(data).toEqual(item);
  });

  it('answers 404 for unknown ids', async () => {
    await expectStatus(await client.get(`/v1/items/${crypto.randomUUID()}`), 404);
    await expectStatus(await client.get('/v1/items/1'), 404);
  });
});
