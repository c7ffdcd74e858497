import type { ChainOpKind } from '../../../../domain/chain';
import type { Database } from '../../../../platform/database';
import type { SecretBox } from '../../../../platform/secrets';
import type { ChainOperation } from '../gateway';
import { createAccountSetupOperation } from './account';
import { mintOperation } from './mint';
import { burnOperation, createListingOperation, metadataUpdateOperation, purchaseListingOperation, transferOperation } from './nft';

/** Every chain operation kind and how it becomes a transaction. */
export function createChainOperations(deps: { db: Database; secrets: SecretBox }): Record<ChainOpKind, ChainOperation> {
  return {
    mint: mintOperation,
    airdrop: mintOperation,
    batch_mint: mintOperation,
    account_setup: createAccountSetupOperation(deps),
    transfer: transferOperation,
    metadata_update: metadataUpdateOperation,
    burn: burnOperation,
    create_listing: createListingOperation,
    purchase_listing: purchaseListingOperation,
  };
}
