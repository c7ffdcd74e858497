import { afterAll, expect, it } from 'vitest';
import { testDatabase } from '../support/infra';

// The database itself keeps 0 <= available <= supply, whatever a caller does.

const db = testDatabase();
afterAll(async () => db.$disconnect());

it('refuses inventory below zero or above supply', async () => {
  const userId = crypto.randomUUID();
  await db.user.create({ data: { id: userId, email: `guard-${userId}@example.test`, passwordHash: 'x' } });
  const creator = await db.creator.create({ data: { id: crypto.randomUUID(), userId, displayName: 'Guard' } });
  const drop = await db.drop.create({ data: { id: crypto.randomUUID(), creatorId: creator.id, name: 'd', description: '', mediaUrl: 'https://x.test/a.png', saleStartsAt: new Date() } });
  const item = await db.item.create({ data: { id: crypto.randomUUID(), dropId: drop.id, name: 'i', priceCents: 100, currency: 'usd', supply: 2, available: 2 } });
  await expect(db.item.update({ where: { id: item.id }, data: { available: -1 } })).rejects.toThrow();
  await expect(db.item.update({ where: { id: item.id }, data: { available: 3 } })).rejects.toThrow();
  await expect(db.item.update({ where: { id: item.id }, data: { available: { decrement: 3 } } })).rejects.toThrow();
  expect((await db.item.findUniqueOrThrow({ where: { id: item.id } })).available).toBe(2);
});
