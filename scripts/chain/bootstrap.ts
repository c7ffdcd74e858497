// Prepares a chain for dropline: proposal keys on the service account and dropline's contracts on it.
import { arg, createFlowClient, privateKeySigner, publicKeyFromPrivate, type AccountKey, type CadenceJson, type FlowClient, type KeySigner } from '../../platform/flow';
import { importAddresses, resolveImports } from './contracts';

export { EMULATOR_CORE_CONTRACTS, importAddresses, resolveImports } from './contracts';

export interface BootstrapOptions {
  restUrl: string;
  serviceAddress: string;
  /** Hex ECDSA_P256 key of the service account's key 0 (full weight). */
  servicePrivateKey: string;
  /** Proposal keys wanted at indices 1..K. */
  proposerKeyCount: number;
  /** Deployed in this order to the service account; `import "X"` lines are resolved first. */
  contracts: Array<{ name: string; code: string }>;
  /** Timeout of each access API call; default 10s. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface BootstrapResult {
  /** The proposal keys at indices 1..proposerKeyCount. */
  proposerKeys: AccountKey[];
  addedKeys: number;
  deployed: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Proposal keys carry weight 0: Flow checks weights only for the payer (envelope) and authorizers
 * (payload); the proposer only has to sign. Lanes propose with key i and pay and authorize with
 * key 0, so a proposal key alone can never move anything on the account.
 */
export const PROPOSER_KEY_WEIGHT = '0.0';
const GAS_LIMIT = 9999;
const WAIT_MS = 60_000;

const ADD_KEYS = `
transaction(publicKey: String, count: Int, weight: UFix64) {
  prepare(signer: auth(AddKey) &Account) {
    let key = PublicKey(publicKey: publicKey.decodeHex(), signatureAlgorithm: SignatureAlgorithm.ECDSA_P256)
    var i = 0
    while i < count {
      signer.keys.add(publicKey: key, hashAlgorithm: HashAlgorithm.SHA3_256, weight: weight)
      i = i + 1
    }
  }
}`;

const ADD_CONTRACT = `
transaction(name: String, code: String) {
  prepare(signer: auth(AddContract) &Account) {
    signer.contracts.add(name: name, code: code.utf8)
  }
}`;

const UPDATE_CONTRACT = `
transaction(name: String, code: String) {
  prepare(signer: auth(UpdateContract) &Account) {
    signer.contracts.update(name: name, code: code.utf8)
  }
}`;

async function runAsService(client: FlowClient, address: string, signer: KeySigner, code: string, args: CadenceJson[]): Promise<void> {
  const account = await client.getAccount(address);
  const key = account.keys.find((k) => k.index === signer.keyIndex);
  if (!key) throw new Error(`the service account has no key ${signer.keyIndex}`);
  await client.executeTransaction(
    {
      code,
      args,
      proposer: { address, keyIndex: signer.keyIndex, sequenceNumber: key.sequenceNumber },
      payer: address,
      authorizers: [address],
      signers: [signer],
      gasLimit: GAS_LIMIT,
    },
    WAIT_MS,
  );
}

/** Idempotent: adds only missing keys, deploys only new contracts, updates only changed ones. */
export async function bootstrapChain(opts: BootstrapOptions): Promise<BootstrapResult> {
  const log = opts.log ?? (() => undefined);
  const client = createFlowClient({ accessUrl: opts.restUrl, timeoutMs: opts.timeoutMs });
  const address = opts.serviceAddress;
  const signer = privateKeySigner(address, 0, opts.servicePrivateKey);
  const result: BootstrapResult = { proposerKeys: [], addedKeys: 0, deployed: [], updated: [], unchanged: [] };

  let account = await client.getAccount(address);
  const serviceKey = account.keys.find((k) => k.index === 0);
  if (!serviceKey || serviceKey.publicKey !== publicKeyFromPrivate(opts.servicePrivateKey)) {
    throw new Error(`servicePrivateKey is not key 0 of ${address}: was the chain started with a different service key?`);
  }
  const missing = opts.proposerKeyCount - (account.keys.length - 1);
  if (missing > 0) {
    log(`adding ${missing} proposal key(s) to ${address}`);
    await runAsService(client, address, signer, ADD_KEYS, [arg.string(serviceKey.publicKey), arg.int(missing), arg.ufix64(PROPOSER_KEY_WEIGHT)]);
    result.addedKeys = missing;
    account = await client.getAccount(address);
  }
  result.proposerKeys = account.keys.filter((k) => k.index >= 1 && k.index <= opts.proposerKeyCount);
  const revoked = result.proposerKeys.filter((k) => k.revoked).map((k) => k.index);
  if (revoked.length > 0) throw new Error(`proposal key(s) ${revoked.join(', ')} of ${address} are revoked; start from a fresh chain state`);

  const addresses = importAddresses(address, opts.contracts.map((c) => c.name));
  for (const contract of opts.contracts) {
    const code = resolveImports(contract.code, addresses);
    const existing = account.contracts[contract.name];
    if (existing === code) {
      result.unchanged.push(contract.name);
      continue;
    }
    log(`${existing === undefined ? 'deploying' : 'updating'} contract ${contract.name} on ${address}`);
    await runAsService(client, address, signer, existing === undefined ? ADD_CONTRACT : UPDATE_CONTRACT, [arg.string(contract.name), arg.string(code)]);
    (existing === undefined ? result.deployed : result.updated).push(contract.name);
    account = await client.getAccount(address);
  }
  return result;
}
