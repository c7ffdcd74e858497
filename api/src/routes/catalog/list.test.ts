import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../../tests/support/stack';
import { catalogClient, dropInput, expectStatus, type ErrorBody, type TestActor } from '../../../../tests/support/catalog-actors';

// GET /v1/drops: keyset pagination (default 20, max 100, opaque cursor) and filters.
// The database is shared with other test files, so every query filters by a creator
// made here.

let api: Awaited<ReturnType<typeof createTestApi>>;
let client: ReturnType<typeof catalogClient>;
let many: TestActor;

const DAY = 86_400_000;
const TOTAL = 105;

interface Page {
  data: { items: Array<{ id: string; creatorId: string; saleStartsAt: string; status: string }>; nextCursor: string | null };
}
const list = async (query: string) => (await expectStatus<Page>(await client.get(`/v1/drops?${query}`), 200)).data;

beforeAll(async () => {
  api = await createTestApi();
  client = catalogClient(api);
  many = await client.creator('Prolific');
  // 105 drops; groups of three share a start time, so the id tiebreak is exercised.
  const base = Date.now() - 50 * DAY;
  await api.db.drop.createMany({
    data: Array.from({ length: TOTAL }, (_, i) => ({
      id: crypto.randomUUID(), creatorId: many.creatorId ?? '', name: `Drop ${i}`, description: '', mediaUrl: 'https://cdn.example.com/x.png',
      saleStartsAt: new Date(base + Math.floor(i / 3) * DAY),
    })),
  });
});
afterAll(async () => api?.close());

describe('pagination', () => {
  it('returns 20 by default, newest sale start first, with a cursor', async () => {
    const page = await list(`creatorId=${many.creatorId}`);
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).toEqual(expect.any(String));
    const starts = page.items.map((drop) => Date.parse(drop.saleStartsAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('returns at most 100 and refuses larger or invalid limits with 422', async () => {
    const first = await list(`creatorId=${many.creatorId}&limit=100`);
    expect(first.items).toHaveLength(100);
    const rest = await list(`creatorId=${many.creatorId}&limit=100&cursor=${first.nextCursor}`);
    expect(rest.items).toHaveLength(TOTAL - 100);
    expect(rest.nextCursor).toBeNull();
    for (const limit of ['101', '0', '-1', 'ten', '2.5', '']) {
      const error = await expectStatus<ErrorBody>(await client.get(`/v1/drops?limit=${limit}`), 422);
      expect(error.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'limit' })] });
    }
  });

  it('walks every page with the cursor: all drops, no duplicates, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page['data'] = await list(`creatorId=${many.creatorId}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((drop) => drop.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(pages).toBe(Math.ceil(TOTAL / 7));
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    const expected = await api.db.drop.findMany({ where: { creatorId: many.creatorId }, orderBy: [{ saleStartsAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect(seen).toEqual(expected.map((drop) => drop.id));
  });

  it('refuses cursors it did not issue', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    for (const cursor of ['garbage', forged, 'a'.repeat(201)]) {
      const error = await expectStatus<ErrorBody>(await client.get(`/v1/drops?cursor=${cursor}`), 422);
      expect(error.error.details?.[0]?.path).toBe('cursor');
    }
  });
});

describe('filters', () => {
  let creator: TestActor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    creator = await client.creator('Filtered');
    const now = Date.now();
    const at = (offset: number) => new Date(now + offset).toISOString();
    const windows: Record<string, Record<string, unknown>> = {
      upcoming: { saleStartsAt: at(DAY) },
      liveOpenEnded: { saleStartsAt: at(-DAY) },
      liveEnding: { saleStartsAt: at(-DAY), saleEndsAt: at(DAY) },
      ended: { saleStartsAt: at(-2 * DAY), saleEndsAt: at(-DAY) },
    };
    for (const [name, window] of Object.entries(windows)) {
      ids[name] = (await expectStatus<{ data: { id: string } }>(await client.post('/v1/drops', dropInput({ name, ...window }), creator.token), 201)).data.id;
    }
  });

  const idsFor = async (query: string) => (await list(`creatorId=${creator.creatorId}&${query}`)).items.map((drop) => drop.id).sort();

  it('filters by status relative to now', async () => {
    expect(await idsFor('status=upcoming')).toEqual([ids.upcoming].sort());
    expect(await idsFor('status=live')).toEqual([ids.liveOpenEnded, ids.liveEnding].sort());
    expect(await idsFor('status=ended')).toEqual([ids.ended].sort());
    const page = await list(`creatorId=${creator.creatorId}`);
    expect(Object.fromEntries(page.items.map((drop) => [drop.id, drop.status]))).toEqual({
      [ids.upcoming ?? '']: 'upcoming', [ids.liveOpenEnded ?? '']: 'live', [ids.liveEnding ?? '']: 'live', [ids.ended ?? '']: 'ended',
    });
  });

  it('filters by creator', async () => {
    const page = await list(`creatorId=${creator.creatorId}&limit=100`);
    expect(page.items).toHaveLength(4);
    expect(page.items.every((drop) => drop.creatorId === creator.creatorId)).toBe(true);
    expect((await list(`creatorId=${crypto.randomUUID()}`)).items).toEqual([]);
  });

  it('combines filters with pagination', async () => {
    const first = await list(`creatorId=${creator.creatorId}&status=live&limit=1`);
    const second = await list(`creatorId=${creator.creatorId}&status=live&limit=1&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((drop) => drop.id).sort()).toEqual([ids.liveOpenEnded, ids.liveEnding].sort());
    expect(second.nextCursor).toBeNull();
  });

  it('refuses invalid filters and unknown parameters with 422', async () => {
    for (const query of ['status=soon', 'creatorId=42', 'sort=name']) {
      const error = await expectStatus<ErrorBody>(await client.get(`/v1/drops?${query}`), 422);
      expect(error.error.code).toBe('validation_failed');
    }
  });
});
