import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCadenceLoader } from '../../../activities/src/chain/cadence-files';
import { createFlowGateway } from '../../../activities/src/chain/flow-gateway';
import { ChainError, type ChainOperationContext } from '../../../activities/src';
import type { Database } from '../../../platform/database';
import { createFlowClient, privateKeySigner } from '../../../platform/flow';
import { createSecretBox } from '../../../platform/secrets';
import { importAddresses, resolveImports } from '../../../scripts/chain/contracts';
import type { ChainWorkerConfig } from './config';

const cadenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../cadence');
export const droplineContracts = ['DroplineNFT', 'DroplineMarket'];

/** Cadence files with imports resolved for the configured service account. */
export function chainCadence(config: ChainWorkerConfig): (file: string) => string {
  const addresses = importAddresses(config.FLOW_SERVICE_ADDRESS, droplineContracts, config.FLOW_NETWORK);
  return createCadenceLoader(cadenceDir, (code) => resolveImports(code, addresses));
}

/** Everything an operation needs to talk to the configured Flow network. */
export function createChainContext(config: ChainWorkerConfig, db: Database): ChainOperationContext {
  if (!config.FLOW_SERVICE_PRIVATE_KEY) throw new Error('FLOW_SERVICE_PRIVATE_KEY is required by the chain worker');
  const secrets = createSecretBox(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID);
  const gateway = createFlowGateway({
    client: createFlowClient({ accessUrl: config.FLOW_ACCESS_NODE, timeoutMs: config.FLOW_REQUEST_TIMEOUT_MS }),
    serviceAddress: config.FLOW_SERVICE_ADDRESS,
    servicePrivateKey: config.FLOW_SERVICE_PRIVATE_KEY,
    async custodialSigner(address) {
      const account = await db.flowAccount.findUnique({ where: { address } });
      if (!account?.encryptedPrivateKey) throw new ChainError('invalid_input', `${address} is not a custodial account of this platform`);
      return privateKeySigner(address, account.keyIndex, secrets.open(account.encryptedPrivateKey));
    },
  });
  return { gateway, serviceAddress: config.FLOW_SERVICE_ADDRESS, cadence: chainCadence(config) };
}
