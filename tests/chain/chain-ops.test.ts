import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFailureTypes } from '../../domain/errors';
import type { Database } from '../../platform/database';
import { arg } from '../../platform/flow';
import { connectTemporalClient } from '../../platform/temporal';
import { startAppWorker } from '../support/app-worker';
import { chainScript, startChainLanes } from '../support/chain';
import { infra, testDatabase } from '../support/infra';
import { chainOpFailure, fundAccount, metadata, runChainOp } from './harness';

// All nine chain operations through the chain-op workflow, on real Temporal, PostgreSQL and
// the Flow emulator; every effect is read back from chain with scripts.

let db: Database;
let client: Client;
let app: { stop(): Promise<void> };
let lanes: Awaited<ReturnType<typeof startChainLanes>>;
const run = crypto.randomUUID().slice(0, 8);
const opId = (label: string) => `${label}-${run}-${crypto.randomUUID().slice(0, 8)}`;
let alice = '';
let bob = '';

const idsOf = async (address: string) => ((await chainScript('get_ids.cdc', [arg.address(address)])) as string[]).map(String);
const nftOf = (owner: string, id: string) => chainScript('get_nft.cdc', [arg.address(owner), arg.uint64(id)]) as Promise<Record<string, unknown> | null>;
const balanceOf = async (address: string) => Number(await chainScript('flow_balance.cdc', [arg.address(address)]));

async function mintTo(recipient: string, label: string): Promise<string> {
  const result = await runChainOp(client, { opId: opId(label), kind: 'mint', args: { recipient, externalId: opId(`ext-${label}`), metadata: metadata(label) } });
  return result.nftIds![0]!;
}

beforeAll(async () => {
  db = testDatabase();
  client = await connectTemporalClient({ address: infra.temporalAddress(), namespace: 'default' });
  app = await startAppWorker(db);
  lanes = await startChainLanes(db);
  const [a, b] = await Promise.all(
    ['alice', 'bob'].map(async (name) => {
      const userId = crypto.randomUUID();
      await db.user.create({ data: { id: userId, email: `${name}-${run}@example.test`, passwordHash: 'x' } });
      return runChainOp(client, { opId: opId(`setup-${name}`), kind: 'account_setup', args: { mode: 'custodial', userId } });
    }),
  );
  alice = a!.address!;
  bob = b!.address!;
}, 180_000);

afterAll(async () => {
  await lanes?.stop();
  await app?.stop();
  await client?.connection.close();
  await db?.$disconnect();
});

describe('account setup', () => {
  it('creates custodial accounts with a collection and a sealed platform key', async () => {
    expect(alice).toMatch(/^0x[0-9a-f]{16}$/);
    expect(await chainScript('has_collection.cdc', [arg.address(alice)])).toBe(true);
    const stored = await db.flowAccount.findUniqueOrThrow({ where: { address: alice } });
    expect(stored.custodial).toBe(true);
    expect(stored.encryptedPrivateKey).toMatch(/^dev-only:/);
    expect(stored.encryptedPrivateKey).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an external wallet has a collection, and refuses one without', async () => {
    const userId = crypto.randomUUID();
    await db.user.create({ data: { id: userId, email: `ext-${run}@example.test`, passwordHash: 'x' } });
    const verified = await runChainOp(client, { opId: opId('ext'), kind: 'account_setup', args: { mode: 'external', userId, address: bob } });
    expect(verified.address).toBe(bob);
    const failure = await chainOpFailure(client, { opId: opId('ext-bad'), kind: 'account_setup', args: { mode: 'external', userId: crypto.randomUUID(), address: '0x0ae53cb6e3f42a79' } });
    expect(failure.type).toBe(chainFailureTypes.invalidInput);
  });
});

describe('minting', () => {
  it('mints with metadata, and a second op with the same externalId returns the same NFT without minting again', async () => {
    const externalId = opId('ext-once');
    const first = await runChainOp(client, { opId: opId('mint'), kind: 'mint', args: { recipient: alice, externalId, metadata: metadata('Genesis') } });
    const nftId = first.nftIds![0]!;
    expect(await nftOf(alice, nftId)).toMatchObject({ name: 'Genesis', externalId, owner: alice, traits: { tier: 'gold' } });
    const before = await idsOf(alice);
    const again = await runChainOp(client, { opId: opId('mint-again'), kind: 'mint', args: { recipient: alice, externalId, metadata: metadata('Genesis') } });
    expect(again.nftIds).toEqual([nftId]);
    expect(await idsOf(alice)).toEqual(before);
    expect(await chainScript('id_for_external_id.cdc', [arg.string(externalId)])).toBe(nftId);
  });

  it('batch-mints many items in one transaction', async () => {
    const items = Array.from({ length: 5 }, (_, index) => ({ externalId: opId(`batch-${index}`), metadata: metadata(`Batch ${index}`) }));
    const result = await runChainOp(client, { opId: opId('batch'), kind: 'batch_mint', args: { recipient: bob, items } });
    expect(result.nftIds).toHaveLength(5);
    const owned = await idsOf(bob);
    for (const id of result.nftIds!) expect(owned).toContain(id);
  });

  it('airdrops straight into the recipient collection', async () => {
    const result = await runChainOp(client, { opId: opId('airdrop'), kind: 'airdrop', args: { recipient: bob, externalId: opId('ext-air'), metadata: metadata('Drop') } });
    expect(await nftOf(bob, result.nftIds![0]!)).toMatchObject({ name: 'Drop', owner: bob });
  });

  it('batches concurrent mints into fewer transactions, each minted exactly once', async () => {
    const requests = Array.from({ length: 24 }, (_, index) => ({ opId: opId(`many-${index}`), kind: 'mint' as const, args: { recipient: alice, externalId: opId(`ext-many-${index}`), metadata: metadata(`Many ${index}`) } }));
    const results = await Promise.all(requests.map((request) => runChainOp(client, request)));
    const nftIds = results.map((result) => result.nftIds![0]!);
    expect(new Set(nftIds).size).toBe(24);
    expect(new Set(results.map((result) => result.txId)).size).toBeLessThan(24);
    const owned = await idsOf(alice);
    for (const id of nftIds) expect(owned).toContain(id);
    const rows = await db.chainOp.findMany({ where: { id: { in: requests.map((request) => request.opId) } } });
    expect(rows.every((row) => row.status === 'executed' && row.lane !== null && row.sequenceNumber !== null)).toBe(true);
  });
});

describe('NFT operations', () => {
  it('transfers, updates metadata and burns', async () => {
    const nftId = await mintTo(alice, 'Movable');
    await runChainOp(client, { opId: opId('transfer'), kind: 'transfer', args: { owner: alice, recipient: bob, nftId } });
    expect(await idsOf(alice)).not.toContain(nftId);
    expect(await nftOf(bob, nftId)).toMatchObject({ owner: bob });

    await runChainOp(client, { opId: opId('meta'), kind: 'metadata_update', args: { nftId, metadata: { ...metadata('Renamed'), traits: { tier: 'platinum' } } } });
    expect(await nftOf(bob, nftId)).toMatchObject({ name: 'Renamed', traits: { tier: 'platinum' } });

    await runChainOp(client, { opId: opId('burn'), kind: 'burn', args: { owner: bob, nftId } });
    expect(await idsOf(bob)).not.toContain(nftId);
  });
});

describe('marketplace', () => {
  it('lists and sells an NFT, paying the seller', async () => {
    const nftId = await mintTo(alice, 'For sale');
    const listing = await runChainOp(client, { opId: opId('list'), kind: 'create_listing', args: { seller: alice, nftId, price: '5.00000000' } });
    expect(await chainScript('get_listing.cdc', [arg.address(alice), arg.uint64(listing.listingId!)])).toMatchObject({ nftId, price: '5.00000000', ghost: false });
    await fundAccount(bob, '10.0');
    const [sellerBefore, buyerBefore] = [await balanceOf(alice), await balanceOf(bob)];
    const purchase = await runChainOp(client, { opId: opId('buy'), kind: 'purchase_listing', args: { buyer: bob, seller: alice, listingId: listing.listingId! } });
    expect(purchase.nftIds).toEqual([nftId]);
    expect(await nftOf(bob, nftId)).toMatchObject({ owner: bob });
    expect(await balanceOf(alice)).toBeCloseTo(sellerBefore + 5, 6);
    expect(await balanceOf(bob)).toBeCloseTo(buyerBefore - 5, 6);
    expect(await chainScript('get_listing.cdc', [arg.address(alice), arg.uint64(listing.listingId!)])).toBeNull();
  });
});

describe('bad input ends with a typed non-retryable failure recorded on the ChainOp', () => {
  it('a malformed address', async () => {
    const id = opId('bad-address');
    const failure = await chainOpFailure(client, { opId: id, kind: 'mint', args: { recipient: '0xnothex', externalId: 'x', metadata: metadata('x') } });
    expect(failure.type).toBe(chainFailureTypes.invalidInput);
    expect(failure.message).toMatch(/recipient: must be a Flow address/);
    expect(await db.chainOp.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', lastError: expect.stringContaining('must be a Flow address') });
  });

  it('an unknown NFT id', async () => {
    const id = opId('bad-nft');
    const failure = await chainOpFailure(client, { opId: id, kind: 'transfer', args: { owner: alice, recipient: bob, nftId: '987654321' } });
    expect(failure.type).toBe(chainFailureTypes.cadence);
    expect(failure.message).toContain('DroplineNFT: NFT not found');
    const row = await db.chainOp.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('ChainCadenceError: DroplineNFT: NFT not found: 987654321');
  });

  it('a listing by a non-owner', async () => {
    const nftId = await mintTo(alice, 'Not yours');
    const failure = await chainOpFailure(client, { opId: opId('bad-list'), kind: 'create_listing', args: { seller: bob, nftId, price: '1.00000000' } });
    expect(failure.type).toBe(chainFailureTypes.cadence);
    expect(failure.message).toMatch(/not owner/);
  });

  it('the purchase of an NFT that moved after listing (ghost listing)', async () => {
    const nftId = await mintTo(alice, 'Ghost');
    const listing = await runChainOp(client, { opId: opId('ghost-list'), kind: 'create_listing', args: { seller: alice, nftId, price: '1.00000000' } });
    await runChainOp(client, { opId: opId('ghost-move'), kind: 'transfer', args: { owner: alice, recipient: bob, nftId } });
    const failure = await chainOpFailure(client, { opId: opId('ghost-buy'), kind: 'purchase_listing', args: { buyer: bob, seller: alice, listingId: listing.listingId! } });
    expect(failure.type).toBe(chainFailureTypes.cadence);
    expect(failure.message).toMatch(/ghost listing/);
  });
});
