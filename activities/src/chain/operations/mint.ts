import { arg } from '../../../../platform/flow';
import type { ChainOpArgs } from '../../../../domain/chain';
import type { ChainEvent, ChainOperation, QueuedOp } from '../gateway';

// mint, airdrop and batch_mint all run batch_mint.cdc: a batch of single mints (from many
// chain-op workflows) and one batch_mint op (many items) are the same transaction shape.

type MintItem = { recipient: string; externalId: string; metadata: ChainOpArgs<'mint'>['metadata']; royalties: ChainOpArgs<'mint'>['royalties'] };

function itemsOf(op: QueuedOp): MintItem[] {
  const args = op.args as ChainOpArgs<'mint'> | ChainOpArgs<'batch_mint'>;
  if ('items' in args) return args.items.map((item) => ({ ...item, recipient: args.recipient, royalties: item.royalties ?? [] }));
  return [{ ...args, royalties: args.royalties ?? [] }];
}

export const MINT_GAS_LIMIT = 9999;

function mintedIds(events: ChainEvent[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const event of events) {
    if (event.type.endsWith('.DroplineNFT.Minted')) ids.set(String(event.data.externalId), String(event.data.id));
  }
  return ids;
}

export const mintOperation: ChainOperation = {
  async plan(batch, context) {
    const items = batch.flatMap(itemsOf);
    const royalties = items[0]?.royalties ?? [];
    return {
      code: context.cadence('transactions/batch_mint.cdc'),
      args: [
        arg.array(items.map((item) => arg.address(item.recipient))),
        arg.array(items.map((item) => arg.string(item.externalId))),
        arg.array(items.map((item) => arg.string(item.metadata.name))),
        arg.array(items.map((item) => arg.string(item.metadata.description))),
        arg.array(items.map((item) => arg.string(item.metadata.thumbnail))),
        arg.array(items.map((item) => arg.dictionary(Object.entries(item.metadata.traits ?? {}).map(([key, value]) => [arg.string(key), arg.string(value)])))),
        arg.optional(null),
        arg.array([]),
        arg.optional(null),
        arg.array(royalties.map((royalty) => arg.address(royalty.receiver))),
        arg.array(royalties.map((royalty) => arg.ufix64(royalty.cut))),
        arg.array(royalties.map((royalty) => arg.string(royalty.description))),
      ],
      authorizers: [context.serviceAddress],
      gasLimit: MINT_GAS_LIMIT,
    };
  },

  async results(batch, events) {
    const ids = mintedIds(events);
    return new Map(batch.map((op) => [op.id, { nftIds: itemsOf(op).map((item) => ids.get(item.externalId) ?? '') }]));
  },

  /** A mint whose externalId is already on chain (an earlier attempt landed) is done: one script checks the batch. */
  async alreadyApplied(batch, context) {
    const externalIds = batch.flatMap((op) => itemsOf(op).map((item) => item.externalId));
    const found = await context.gateway.script<Array<string | null>>(context.cadence('scripts/ids_for_external_ids.cdc'), [arg.array(externalIds.map((id) => arg.string(id)))]);
    const minted = new Map(externalIds.map((externalId, index) => [externalId, found[index] ?? null]));
    const done = new Map<string, Record<string, unknown>>();
    for (const op of batch) {
      const ids = itemsOf(op).map((item) => minted.get(item.externalId) ?? null);
      if (ids.every((id) => id !== null)) done.set(op.id, { nftIds: ids.map(String) });
    }
    return done;
  },
};
