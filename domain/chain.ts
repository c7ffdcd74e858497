import { z } from 'zod';

// Chain operations: what the chain-op workflow accepts, per kind. Addresses are Flow
// addresses (0x + 16 hex); prices are UFix64 decimal strings.

export const flowAddressSchema = z.string().regex(/^0x[0-9a-f]{16}$/, 'must be a Flow address (0x + 16 hex digits)');
export const nftIdSchema = z.string().regex(/^\d{1,20}$/, 'must be an NFT id (UInt64)');
export const ufix64Schema = z.string().regex(/^\d{1,11}\.\d{1,8}$/, 'must be a UFix64 decimal such as 12.50000000');
export const externalIdSchema = z.string().min(1).max(128);

export const nftMetadataSchema = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  thumbnail: z.url().max(2000),
  traits: z.record(z.string().max(64), z.string().max(256)).default({}),
});
export type NftMetadata = z.infer<typeof nftMetadataSchema>;

export const royaltySchema = z.object({ receiver: flowAddressSchema, cut: ufix64Schema, description: z.string().max(200) });

const mintArgs = z.object({ recipient: flowAddressSchema, externalId: externalIdSchema, metadata: nftMetadataSchema, royalties: z.array(royaltySchema).max(10).default([]) });

export const chainOpArgsSchemas = {
  mint: mintArgs,
  airdrop: mintArgs,
  // 250 mints stay near half the 9999 computation limit (measured on the emulator; cadence/README.md).
  batch_mint: z.object({ recipient: flowAddressSchema, items: z.array(mintArgs.omit({ recipient: true })).min(1).max(250) }),
  account_setup: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('custodial'), userId: z.uuid() }),
    z.object({ mode: z.literal('external'), userId: z.uuid(), address: flowAddressSchema }),
  ]),
  transfer: z.object({ owner: flowAddressSchema, recipient: flowAddressSchema, nftId: nftIdSchema }),
  metadata_update: z.object({ nftId: nftIdSchema, metadata: nftMetadataSchema }),
  burn: z.object({ owner: flowAddressSchema, nftId: nftIdSchema }),
  create_listing: z.object({ seller: flowAddressSchema, nftId: nftIdSchema, price: ufix64Schema }),
  purchase_listing: z.object({ buyer: flowAddressSchema, seller: flowAddressSchema, listingId: nftIdSchema }),
} as const;

export type ChainOpKind = keyof typeof chainOpArgsSchemas;
export const chainOpKinds = Object.keys(chainOpArgsSchemas) as ChainOpKind[];
export type ChainOpArgs<K extends ChainOpKind> = z.input<(typeof chainOpArgsSchemas)[K]>;

export type ChainOpRequest = { [K in ChainOpKind]: { opId: string; kind: K; args: ChainOpArgs<K> } }[ChainOpKind];

/** What an executed operation produced, read back from the transaction's events. */
export interface ChainOpResult {
  txId: string;
  nftIds?: string[];
  address?: string;
  listingId?: string;
}

/** Single mints (and airdrops) can share a transaction; everything else runs alone. */
export const batchableKinds: ReadonlySet<ChainOpKind> = new Set(['mint', 'airdrop']);
