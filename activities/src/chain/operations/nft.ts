import type { ChainOpArgs } from '../../../../domain/chain';
import { arg } from '../../../../platform/flow';
import type { ChainEvent, ChainOperation, QueuedOp } from '../gateway';

// Single-transaction operations on existing NFTs and listings. Each plans one op.

const only = <K extends keyof ChainOpArgsMap>(batch: QueuedOp[]) => batch[0]!.args as ChainOpArgsMap[K];
type ChainOpArgsMap = {
  transfer: ChainOpArgs<'transfer'>;
  metadata_update: ChainOpArgs<'metadata_update'>;
  burn: ChainOpArgs<'burn'>;
  create_listing: ChainOpArgs<'create_listing'>;
  purchase_listing: ChainOpArgs<'purchase_listing'>;
};
const GAS = 9999;

const eventData = (events: ChainEvent[], suffix: string) => events.find((event) => event.type.endsWith(suffix))?.data ?? {};
const noResult = async (batch: QueuedOp[]) => new Map(batch.map((op) => [op.id, {}]));

export const transferOperation: ChainOperation = {
  async plan(batch, context) {
    const args = only<'transfer'>(batch);
    return { code: context.cadence('transactions/transfer.cdc'), args: [arg.address(args.recipient), arg.uint64(args.nftId)], authorizers: [args.owner], gasLimit: GAS };
  },
  results: noResult,
};

export const metadataUpdateOperation: ChainOperation = {
  async plan(batch, context) {
    const { nftId, metadata } = only<'metadata_update'>(batch);
    const traits = Object.entries(metadata.traits ?? {}).map(([key, value]) => [arg.string(key), arg.string(value)] as [ReturnType<typeof arg.string>, ReturnType<typeof arg.string>]);
    return {
      code: context.cadence('transactions/update_metadata.cdc'),
      args: [arg.uint64(nftId), arg.optional(arg.string(metadata.name)), arg.optional(arg.string(metadata.description)), arg.optional(arg.string(metadata.thumbnail)), arg.optional(arg.dictionary(traits))],
      authorizers: [context.serviceAddress],
      gasLimit: GAS,
    };
  },
  results: noResult,
};

export const burnOperation: ChainOperation = {
  async plan(batch, context) {
    const args = only<'burn'>(batch);
    return { code: context.cadence('transactions/burn.cdc'), args: [arg.uint64(args.nftId)], authorizers: [args.owner], gasLimit: GAS };
  },
  results: noResult,
};

export const createListingOperation: ChainOperation = {
  async plan(batch, context) {
    const args = only<'create_listing'>(batch);
    return { code: context.cadence('transactions/create_listing.cdc'), args: [arg.uint64(args.nftId), arg.ufix64(args.price)], authorizers: [args.seller], gasLimit: GAS };
  },
  async results(batch, events) {
    return new Map([[batch[0]!.id, { listingId: String(eventData(events, '.DroplineMarket.ListingCreated').listingId ?? '') }]]);
  },
};

export const purchaseListingOperation: ChainOperation = {
  async plan(batch, context) {
    const args = only<'purchase_listing'>(batch);
    return { code: context.cadence('transactions/purchase_listing.cdc'), args: [arg.address(args.seller), arg.uint64(args.listingId)], authorizers: [args.buyer], gasLimit: GAS };
  },
  async results(batch, events) {
    return new Map([[batch[0]!.id, { nftIds: [String(eventData(events, '.DroplineMarket.ListingPurchased').nftId ?? '')] }]]);
  },
};
