import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { inject } from 'vitest';
import type { ChainOpRequest, ChainOpResult } from '../../domain/chain';
import { workflowIds } from '../../domain/ids';
import { taskQueues } from '../../domain/task-queues';
import { arg, createFlowClient, privateKeySigner } from '../../platform/flow';
import type { chainOpWorkflow } from '../../workflows/src/chain/chain-op.workflow';

export const runChainOp = (client: Client, request: ChainOpRequest): Promise<ChainOpResult> =>
  client.workflow.execute<typeof chainOpWorkflow>('chainOpWorkflow', {
    workflowId: workflowIds.chainOp(request.opId),
    taskQueue: taskQueues.app,
    args: [request],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });

/** The typed failure a chain-op workflow ended with. */
export async function chainOpFailure(client: Client, request: ChainOpRequest): Promise<{ type: string; message: string }> {
  try {
    await runChainOp(client, request);
  } catch (error) {
    if (error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure) {
      return { type: error.cause.type ?? '', message: error.cause.message };
    }
    throw error;
  }
  throw new Error(`chain op ${request.opId} unexpectedly succeeded`);
}

const FUND = `
import FungibleToken from 0xee82856bf20e2aa6
import FlowToken from 0x0ae53cb6e3f42a79
transaction(to: Address, amount: UFix64) {
  prepare(signer: auth(BorrowValue) &Account) {
    let vault = signer.storage.borrow<auth(FungibleToken.Withdraw) &FlowToken.Vault>(from: /storage/flowTokenVault)!
    getAccount(to).capabilities.borrow<&{FungibleToken.Receiver}>(/public/flowTokenReceiver)!.deposit(from: <-vault.withdraw(amount: amount))
  }
}`;

/** Sends FLOW from the service account (key 0) to `to`: test setup for purchases. */
export async function fundAccount(to: string, amount: string): Promise<void> {
  const client = createFlowClient({ accessUrl: inject('flowRestUrl') });
  const service = inject('flowServiceAddress');
  const signer = privateKeySigner(service, 0, inject('flowServicePrivateKey'));
  const account = await client.getAccount(service);
  const key = account.keys.find((candidate) => candidate.index === 0)!;
  await client.executeTransaction(
    { code: FUND, args: [arg.address(to), arg.ufix64(amount)], proposer: { address: service, keyIndex: 0, sequenceNumber: key.sequenceNumber }, payer: service, authorizers: [service], signers: [signer], gasLimit: 9999 },
    30_000,
  );
}

export const metadata = (name: string) => ({ name, description: `${name} description`, thumbnail: `https://cdn.dropline.test/${encodeURIComponent(name)}.png`, traits: { tier: 'gold' } });
