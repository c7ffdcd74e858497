import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapChain } from '../../scripts/chain/bootstrap';
import { ensureFlowEmulator, startFlowEmulator, type FlowEmulator } from '../../scripts/infra/flow-emulator';
import { freePort } from '../../scripts/infra/temporal';
import { arg, createFlowClient, FlowError, generateKeyPair, isFlowError, privateKeySigner, type FlowClient, type TransactionRequest } from './index';

// A real emulator (auto-mine: one block per transaction) on free ports.
const serviceKey = generateKeyPair();
let emulator: FlowEmulator;
let client: FlowClient;
let service: string;

const LOG_TX = 'transaction(message: String) { prepare(signer: &Account) { log(message) } }';
const EVENT_CONTRACT = `access(all) contract DroplineProbe {
  access(all) event Pinged(n: UInt64, by: Address)
  access(all) fun ping(n: UInt64, by: Address) { emit Pinged(n: n, by: by) }
}`;

function tx(overrides: Partial<TransactionRequest> & { sequenceNumber: number; keyIndex?: number }): TransactionRequest {
  const keyIndex = overrides.keyIndex ?? 0;
  const signers = [privateKeySigner(service, 0, serviceKey.privateKey)];
  if (keyIndex !== 0) signers.push(privateKeySigner(service, keyIndex, serviceKey.privateKey));
  return {
    code: LOG_TX,
    args: [arg.string('hello')],
    proposer: { address: service, keyIndex, sequenceNumber: overrides.sequenceNumber },
    payer: service,
    authorizers: [service],
    signers,
    gasLimit: 1000,
    ...overrides,
  };
}

async function sequenceNumber(keyIndex: number): Promise<number> {
  const key = (await client.getAccount(service)).keys.find((k) => k.index === keyIndex);
  if (!key) throw new Error(`no key ${keyIndex}`);
  return key.sequenceNumber;
}

async function caught(promise: Promise<unknown>): Promise<FlowError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof FlowError)) throw new Error(`expected a FlowError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  const binary = await ensureFlowEmulator();
  emulator = await startFlowEmulator({ binary, restPort: await freePort(), grpcPort: await freePort(), servicePrivateKey: serviceKey.privateKey });
  service = emulator.serviceAddress;
  client = createFlowClient({ accessUrl: emulator.restUrl, timeoutMs: 5_000, pollIntervalMs: 50 });
}, 30 * 60_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('Flow access client against the emulator', () => {
  it('sends a transaction with an explicit proposal key and sequence number and reads its result', async () => {
    const seq = await sequenceNumber(0);
    const signed = await client.signTransaction(tx({ sequenceNumber: seq }));
    const id = await client.submitTransaction(signed);
    expect(id).toBe(signed.id);
    const result = await client.waitForExecuted(id, 10_000);
    expect(result).toMatchObject({ id, status: 'Sealed', errorMessage: '' });
    expect(result.error).toBeUndefined();
    expect(await sequenceNumber(0)).toBe(seq + 1);
    expect((await client.getTransactionResult(id)).status).toBe('Sealed');
  });

  it('classifies a reused sequence number as invalid_sequence_number (Flow 1007)', async () => {
    const seq = await sequenceNumber(0);
    await client.executeTransaction(tx({ sequenceNumber: seq, args: [arg.string('first')] }), 10_000);
    const error = await caught(client.executeTransaction(tx({ sequenceNumber: seq, args: [arg.string('second')] }), 10_000));
    expect(error).toMatchObject({ kind: 'invalid_sequence_number', flowCode: 1007, expectedSequenceNumber: seq + 1, givenSequenceNumber: seq, retryable: true });
    expect(error.message).toMatch(/has sequence number \d+, but given \d+/);
    expect(error.transactionId).toMatch(/^[0-9a-f]{64}$/);
    expect(await sequenceNumber(0)).toBe(seq + 1);
  });

  it('classifies a panic as a non-retryable Cadence error carrying the message', async () => {
    const seq = await sequenceNumber(0);
    const request = tx({ sequenceNumber: seq, code: 'transaction { prepare(signer: &Account) { panic("boom") } }', args: [] });
    const id = await client.sendTransaction(request);
    const result = await client.waitForExecuted(id, 10_000);
    expect(result.status).toBe('Sealed');
    expect(result.error).toMatchObject({ kind: 'cadence', flowCode: 1101 });
    const error = await caught(client.executeTransaction({ ...request, proposer: { ...request.proposer, sequenceNumber: seq + 1 } }, 10_000));
    expect(error).toMatchObject({ kind: 'cadence', flowCode: 1101, retryable: false });
    expect(error.message).toContain('panic: boom');
    // A failed execution still uses up the sequence number.
    expect(await sequenceNumber(0)).toBe(seq + 2);
  });

  it('executes scripts with JSON-Cadence arguments and decodes the result', async () => {
    const code = `access(all) fun main(n: UInt64, s: String, m: {String: UFix64}, o: Address?): {String: AnyStruct} {
      return {"n": n + 1, "s": s.concat("!"), "m": m, "o": o, "list": [1, 2], "none": nil as Int?, "yes": true}
    }`;
    const value = await client.executeScript(code, [arg.uint64(41), arg.string('hi'), arg.dictionary([[arg.string('a'), arg.ufix64('1.5')]]), arg.optional(arg.address(service))]);
    expect(value).toEqual({ n: '42', s: 'hi!', m: { a: '1.50000000' }, o: service, list: ['1', '2'], none: null, yes: true });
    const error = await caught(client.executeScript('access(all) fun main(): Int { panic("script boom") }'));
    expect(error).toMatchObject({ kind: 'cadence', flowCode: 1101, httpStatus: 400 });
    expect(error.message).toContain('script boom');
  });

  it('reports the latest finalized block and the account keys', async () => {
    const block = await client.getLatestFinalizedBlock();
    expect(block.id).toMatch(/^[0-9a-f]{64}$/);
    expect(block.height).toBeGreaterThan(0);
    const account = await client.getAccount(service);
    expect(account.keys[0]).toMatchObject({ index: 0, publicKey: serviceKey.publicKey, weight: 1000, revoked: false, signingAlgorithm: 'ECDSA_P256', hashingAlgorithm: 'SHA3_256' });
    expect(Object.keys(account.contracts)).toEqual(expect.arrayContaining(['NonFungibleToken', 'MetadataViews', 'ViewResolver']));
  });

  it('rejects a transaction whose script does not parse, before it uses a sequence number', async () => {
    const seq = await sequenceNumber(0);
    const error = await caught(client.sendTransaction(tx({ sequenceNumber: seq, code: 'transaction { prepare(' })));
    expect(error).toMatchObject({ kind: 'rejected', httpStatus: 400, retryable: false });
    expect(await sequenceNumber(0)).toBe(seq);
  });
});

describe('bootstrapChain', () => {
  const K = 4;
  const contracts = [{ name: 'DroplineProbe', code: `import "NonFungibleToken"\n${EVENT_CONTRACT}` }];

  it('adds K weightless proposal keys and deploys contracts, and is idempotent', async () => {
    const opts = { restUrl: emulator.restUrl, serviceAddress: service, servicePrivateKey: serviceKey.privateKey, proposerKeyCount: K, contracts };
    const first = await bootstrapChain(opts);
    expect(first).toMatchObject({ addedKeys: K, deployed: ['DroplineProbe'], updated: [], unchanged: [] });
    const account = await client.getAccount(service);
    expect(account.keys.map((k) => k.index)).toEqual([0, 1, 2, 3, 4]);
    for (const key of account.keys.slice(1)) expect(key).toMatchObject({ publicKey: serviceKey.publicKey, weight: 0, revoked: false, sequenceNumber: 0 });
    expect(account.contracts.DroplineProbe).toContain('import NonFungibleToken from 0xf8d6e0586b0a20c7');

    const again = await bootstrapChain(opts);
    expect(again).toMatchObject({ addedKeys: 0, deployed: [], updated: [], unchanged: ['DroplineProbe'] });
    expect((await client.getAccount(service)).keys).toHaveLength(K + 1);

    const changed = [{ name: 'DroplineProbe', code: `${contracts[0]?.code ?? ''}\n// v2` }];
    expect(await bootstrapChain({ ...opts, proposerKeyCount: 2, contracts: changed })).toMatchObject({ addedKeys: 0, updated: ['DroplineProbe'] });
  });

  it('lets every weightless proposal key propose in parallel while key 0 pays, with events decoded', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: K }, (_, i) => i + 1).map(async (keyIndex) =>
        client.executeTransaction(
          tx({
            keyIndex,
            sequenceNumber: await sequenceNumber(keyIndex),
            code: `import DroplineProbe from ${service}\ntransaction(n: UInt64) { prepare(signer: &Account) { DroplineProbe.ping(n: n, by: signer.address) } }`,
            args: [arg.uint64(keyIndex)],
          }),
          10_000,
        ),
      ),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(10_000);
    for (const [i, result] of results.entries()) {
      const event = result.events.find((e) => e.type === `A.${service.slice(2)}.DroplineProbe.Pinged`);
      expect(event?.data).toEqual({ n: String(i + 1), by: service });
    }
    for (let keyIndex = 1; keyIndex <= K; keyIndex++) expect(await sequenceNumber(keyIndex)).toBe(1);
  });
});

describe('expiry', () => {
  it('classifies a transaction whose reference block is past the expiry window as expired', async () => {
    const binary = await ensureFlowEmulator();
    const key = generateKeyPair();
    const short = await startFlowEmulator({ binary, restPort: await freePort(), grpcPort: await freePort(), servicePrivateKey: key.privateKey, transactionExpiry: 2 });
    try {
      const shortClient = createFlowClient({ accessUrl: short.restUrl, timeoutMs: 5_000 });
      const reference = await shortClient.getLatestFinalizedBlock();
      for (let i = 0; i < 3; i++) await (await fetch(`${short.adminUrl}/emulator/newBlock`, { method: 'POST', signal: AbortSignal.timeout(5_000) })).arrayBuffer();
      const address = short.serviceAddress;
      const error = await caught(shortClient.sendTransaction({
        code: 'transaction {}', proposer: { address, keyIndex: 0, sequenceNumber: 0 }, payer: address, authorizers: [],
        signers: [privateKeySigner(address, 0, key.privateKey)], gasLimit: 100, referenceBlockId: reference.id,
      }));
      expect(error).toMatchObject({ kind: 'expired', httpStatus: 400, retryable: true });
      expect(error.message).toContain('transaction is expired');
    } finally {
      await short.stop();
    }
  });
});

describe('transport failures', () => {
  it('fails as transient, quickly, when nothing listens', async () => {
    const closed = createFlowClient({ accessUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2_000 });
    const started = Date.now();
    const error = await caught(closed.getLatestFinalizedBlock());
    expect(error).toMatchObject({ kind: 'transient', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out as transient within its timeout when the node does not answer', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const stuck = createFlowClient({ accessUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 });
      const started = Date.now();
      const error = await caught(stuck.getAccount(service));
      const elapsed = Date.now() - started;
      expect(error).toMatchObject({ kind: 'transient' });
      expect(error.message).toContain('no answer within 300ms');
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports a wait timeout for a transaction the node does not know', async () => {
    const error = await caught(client.waitForExecuted('00'.repeat(32), 300));
    expect(isFlowError(error, 'wait_timeout')).toBe(true);
  });
});
