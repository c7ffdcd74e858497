// A Flow emulator ready for dropline: started with an explicit service key, K proposal
// keys added, dropline's contracts deployed. Used by `npm run dev`, the tests and the benchmarks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair } from '../../platform/flow';
import { ensureFlowEmulator, loadOrCreateServiceKey, startFlowEmulator } from '../infra/flow-emulator';
import { freePort } from '../infra/temporal';
import { bootstrapChain } from './bootstrap';

const cadenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cadence/contracts');
export const DROPLINE_CONTRACTS = ['DroplineNFT', 'DroplineMarket'];

export interface LocalChain {
  restUrl: string;
  serviceAddress: string;
  servicePrivateKey: string;
  stop(): Promise<void>;
}

export async function droplineContracts(): Promise<Array<{ name: string; code: string }>> {
  return Promise.all(DROPLINE_CONTRACTS.map(async (name) => ({ name, code: await readFile(path.join(cadenceDir, `${name}.cdc`), 'utf8') })));
}

export async function startLocalChain(opts: {
  proposerKeyCount: number;
  /** Keep the service key (and, with persist, the chain) in this folder; omitted: a throwaway key. */
  dataDir?: string;
  persist?: boolean;
  blockTime?: string;
  restPort?: number;
  log?: (line: string) => void;
}): Promise<LocalChain> {
  const key = opts.dataDir ? await loadOrCreateServiceKey(opts.dataDir) : generateKeyPair();
  const emulator = await startFlowEmulator({
    binary: await ensureFlowEmulator(),
    restPort: opts.restPort ?? (await freePort()),
    grpcPort: await freePort(),
    servicePrivateKey: key.privateKey,
    ...(opts.blockTime ? { blockTime: opts.blockTime } : {}),
    ...(opts.persist && opts.dataDir ? { persistDir: path.join(opts.dataDir, 'flow') } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  try {
    await bootstrapChain({
      restUrl: emulator.restUrl,
      serviceAddress: emulator.serviceAddress,
      servicePrivateKey: key.privateKey,
      proposerKeyCount: opts.proposerKeyCount,
      contracts: await droplineContracts(),
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return { restUrl: emulator.restUrl, serviceAddress: emulator.serviceAddress, servicePrivateKey: key.privateKey, stop: emulator.stop };
}
