import { FlowError, privateKeySigner, type CadenceJson, type FlowClient, type KeySigner, type TransactionResult } from '../../../platform/flow';
import { ChainError, type ChainErrorKind, type ChainEvent, type ChainGateway, type TransactionOutcome } from './gateway';

export interface FlowGatewayDeps {
  client: FlowClient;
  serviceAddress: string;
  /** Key 0 of the service account (full weight): signs every envelope as payer. */
  servicePrivateKey: string;
  /** Signer for a custodial account that must authorise (transfer, listing, purchase). */
  custodialSigner(address: string): Promise<KeySigner>;
}

const chainKinds: Record<FlowError['kind'], ChainErrorKind> = {
  invalid_sequence_number: 'invalid_sequence_number',
  cadence: 'cadence',
  rejected: 'invalid_input',
  expired: 'expired',
  not_found: 'transient',
  transient: 'transient',
  wait_timeout: 'transient',
};

export function toChainError(error: unknown): ChainError {
  if (error instanceof ChainError) return error;
  if (error instanceof FlowError) return new ChainError(chainKinds[error.kind], error.message);
  return new ChainError('transient', error instanceof Error ? error.message : String(error));
}

function toOutcome(result: TransactionResult): TransactionOutcome {
  if (result.status === 'Expired' || result.status === 'Unknown') return { status: 'unknown' };
  if (result.status === 'Pending' || result.status === 'Finalized') return { status: 'pending' };
  const events: ChainEvent[] = result.events.map((event) => ({
    type: event.type,
    data: typeof event.data === 'object' && event.data !== null && !Array.isArray(event.data) ? event.data : {},
  }));
  if (!result.errorMessage) return { status: 'executed', events };
  const errorKind = result.error ? chainKinds[result.error.kind] : 'cadence';
  return { status: 'failed', errorMessage: conciseMessage(result.errorMessage), errorKind, events };
}

/** The contract's own panic text (`DroplineNFT: NFT not found: 7`) rather than the whole runtime report. */
export function conciseMessage(message: string): string {
  const own = /(Dropline\w*: [^\n"]+)/.exec(message);
  if (own?.[1]) return own[1].trim();
  return message.split('\n').find((line) => line.trim().length > 0)?.trim().slice(0, 500) ?? message;
}

/** The signing lanes' view of a Flow access node (see gateway.ts). */
export function createFlowGateway(deps: FlowGatewayDeps): ChainGateway {
  const { client, serviceAddress } = deps;
  const payer = privateKeySigner(serviceAddress, 0, deps.servicePrivateKey);
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw toChainError(error);
    }
  };

  return {
    sequenceNumber: (keyIndex) =>
      guard(async () => {
        const account = await client.getAccount(serviceAddress);
        const key = account.keys.find((candidate) => candidate.index === keyIndex);
        if (!key) throw new ChainError('invalid_input', `the service account has no key ${keyIndex}`);
        return BigInt(key.sequenceNumber);
      }),

    prepare: (plan, proposer) =>
      guard(async () => {
        const authorizers = plan.authorizers;
        const custodial = await Promise.all(authorizers.filter((address) => address !== serviceAddress).map((address) => deps.custodialSigner(address)));
        const signed = await client.signTransaction({
          code: plan.code,
          args: plan.args as CadenceJson[],
          proposer: { address: serviceAddress, keyIndex: proposer.keyIndex, sequenceNumber: Number(proposer.sequenceNumber) },
          payer: serviceAddress,
          authorizers,
          signers: [privateKeySigner(serviceAddress, proposer.keyIndex, deps.servicePrivateKey), payer, ...custodial],
          gasLimit: plan.gasLimit,
        });
        return { txId: signed.id, send: () => guard(async () => void (await client.submitTransaction(signed))) };
      }),

    outcome: async (txId) => {
      try {
        return toOutcome(await client.getTransactionResult(txId));
      } catch (error) {
        if (error instanceof FlowError && error.kind === 'not_found') return { status: 'unknown' };
        throw toChainError(error);
      }
    },

    waitForOutcome: async (txId, timeoutMs) => {
      try {
        return toOutcome(await client.waitForExecuted(txId, timeoutMs));
      } catch (error) {
        if (error instanceof FlowError && error.kind === 'wait_timeout') return { status: 'pending' };
        throw toChainError(error);
      }
    },

    script: <T>(code: string, args: unknown[]) => guard(async () => (await client.executeScript(code, args as CadenceJson[])) as T),
  };
}
