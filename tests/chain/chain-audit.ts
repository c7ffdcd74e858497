import { arg, createFlowClient, flowErrorCode, privateKeySigner, type CadenceJson, type DecodedValue } from '../../platform/flow';
import { chainCadence } from '../../workers/src/chain/context';
import { chainConfig } from '../support/chain';
import type { FlowChain } from './isolated-env';

// Reads a test chain directly (never through a fault proxy): scripts, and an audit of every
// transaction in a height range, read block by block from the emulator's REST API.

export interface AuditedTransaction {
  id: string;
  proposerKey: number;
  sequenceNumber: number;
  errorMessage: string;
  /** Flow error code of a failed transaction (1007: invalid sequence number). */
  errorCode: number | undefined;
  mintedEvents: number;
}

interface RestTransaction {
  id: string;
  proposal_key: { key_index: string; sequence_number: string };
}

/** `work` over `items` with at most `limit` in flight, results in order (the emulator executes scripts one by one). */
export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export function chainReader(chain: FlowChain) {
  const client = createFlowClient({ accessUrl: chain.restUrl, timeoutMs: 10_000 });
  const cadence = chainCadence(chainConfig({ FLOW_ACCESS_NODE: chain.restUrl, FLOW_SERVICE_ADDRESS: chain.serviceAddress, FLOW_SERVICE_PRIVATE_KEY: chain.servicePrivateKey }));
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${chain.restUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };

  async function transaction(tx: RestTransaction): Promise<AuditedTransaction> {
    const result = await get<{ error_message: string; events: Array<{ type: string }> }>(`/v1/transaction_results/${tx.id}`);
    return {
      id: tx.id,
      proposerKey: Number(tx.proposal_key.key_index),
      sequenceNumber: Number(tx.proposal_key.sequence_number),
      errorMessage: result.error_message,
      errorCode: result.error_message ? flowErrorCode(result.error_message) : undefined,
      mintedEvents: result.events.filter((event) => event.type.endsWith('.DroplineNFT.Minted')).length,
    };
  }

  return {
    script: (file: string, args: CadenceJson[]): Promise<DecodedValue> => client.executeScript(cadence(`scripts/${file}`), args),
    idsOf: async (address: string): Promise<string[]> => ((await client.executeScript(cadence('scripts/get_ids.cdc'), [arg.address(address)])) as string[]).map(String),
    height: async (): Promise<number> => (await client.getLatestFinalizedBlock()).height,

    /** Every transaction in blocks (fromHeight, latest], with its proposal key and outcome. */
    async audit(fromHeight: number): Promise<AuditedTransaction[]> {
      const latest = (await client.getLatestFinalizedBlock()).height;
      const found: AuditedTransaction[] = [];
      for (let start = fromHeight + 1; start <= latest; start += 50) {
        const end = Math.min(start + 49, latest);
        const blocks = await get<Array<{ payload: { collection_guarantees: Array<{ collection_id: string }> } }>>(`/v1/blocks?start_height=${start}&end_height=${end}&expand=payload`);
        const guarantees = blocks.flatMap((block) => block.payload.collection_guarantees);
        const collections = await mapLimited(guarantees, 8, (guarantee) => get<{ transactions: RestTransaction[] }>(`/v1/collections/${guarantee.collection_id}?expand=transactions`));
        found.push(...(await mapLimited(collections.flatMap((collection) => collection.transactions), 8, transaction)));
      }
      return found;
    },

    /** Uses up proposal key `keyIndex`'s current sequence number with an empty transaction, behind every lane's back. */
    async burnSequenceNumber(keyIndex: number): Promise<void> {
      const account = await client.getAccount(chain.serviceAddress);
      const key = account.keys.find((candidate) => candidate.index === keyIndex);
      if (!key) throw new Error(`no proposal key ${keyIndex}`);
      await client.executeTransaction(
        {
          code: 'transaction {}',
          proposer: { address: chain.serviceAddress, keyIndex, sequenceNumber: key.sequenceNumber },
          payer: chain.serviceAddress,
          authorizers: [],
          signers: [privateKeySigner(chain.serviceAddress, keyIndex, chain.servicePrivateKey), privateKeySigner(chain.serviceAddress, 0, chain.servicePrivateKey)],
          gasLimit: 100,
        },
        10_000,
      );
    },
  };
}
export type ChainReader = ReturnType<typeof chainReader>;
