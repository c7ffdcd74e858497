import type { ChainOpArgs } from '../../../../domain/chain';
import type { Database } from '../../../../platform/database';
import { arg, generateKeyPair } from '../../../../platform/flow';
import type { SecretBox } from '../../../../platform/secrets';
import { ChainError, type ChainOperation, type QueuedOp } from '../gateway';

type SetupArgs = ChainOpArgs<'account_setup'>;
const setupArgs = (op: QueuedOp) => op.args as SetupArgs;

/**
 * account_setup: a custodial account (created and funded by the service account, with a
 * platform-held key sealed at rest), or a check that a user's own wallet has a collection.
 */
export function createAccountSetupOperation(deps: { db: Database; secrets: SecretBox }): ChainOperation {
  const { db, secrets } = deps;

  async function existing(op: QueuedOp): Promise<Record<string, unknown> | null> {
    const account = await db.flowAccount.findUnique({ where: { userId: setupArgs(op).userId } });
    return account ? { address: account.address } : null;
  }

  /** The key is generated once per op and sealed on its row, so every attempt uses it. */
  async function publicKeyFor(op: QueuedOp): Promise<string> {
    const row = await db.chainOp.findUniqueOrThrow({ where: { id: op.id } });
    if (row.secret) return JSON.parse(secrets.open(row.secret)).publicKey as string;
    const pair = generateKeyPair();
    await db.chainOp.update({ where: { id: op.id }, data: { secret: secrets.seal(JSON.stringify(pair)) } });
    return pair.publicKey;
  }

  return {
    async alreadyApplied(batch, context) {
      const done = new Map<string, Record<string, unknown>>();
      for (const op of batch) {
        const found = await existing(op);
        if (found) {
          done.set(op.id, found);
          continue;
        }
        const args = setupArgs(op);
        if (args.mode !== 'external') continue;
        const hasCollection = await context.gateway.script<boolean>(context.cadence('scripts/has_collection.cdc'), [arg.address(args.address)]);
        if (!hasCollection) throw new ChainError('invalid_input', `wallet ${args.address} has no DroplineNFT collection; run the setup transaction from the wallet first`);
        await db.flowAccount.upsert({ where: { address: args.address }, create: { address: args.address, userId: args.userId, custodial: false }, update: {} });
        done.set(op.id, { address: args.address });
      }
      return done;
    },

    async plan(batch, context) {
      const [op] = batch;
      return {
        code: context.cadence('transactions/create_custodial_account.cdc'),
        args: [arg.string(await publicKeyFor(op!)), arg.ufix64('0.001')],
        authorizers: [context.serviceAddress],
        gasLimit: 9999,
      };
    },

    async results(batch, events) {
      const [op] = batch;
      const created = events.find((event) => event.type === 'flow.AccountCreated');
      const address = created ? String(created.data.address) : null;
      if (!op || !address) throw new ChainError('cadence', 'account creation emitted no flow.AccountCreated event');
      const row = await db.chainOp.findUniqueOrThrow({ where: { id: op.id } });
      const { privateKey } = JSON.parse(secrets.open(row.secret ?? '')) as { privateKey: string };
      await db.flowAccount.upsert({
        where: { address },
        create: { address, userId: setupArgs(op).userId, custodial: true, encryptedPrivateKey: secrets.seal(privateKey), keyIndex: 0 },
        update: {},
      });
      return new Map([[op.id, { address }]]);
    },
  };
}
