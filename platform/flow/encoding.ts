// Flow's transaction encoding: RLP of the payload and envelope, domain-tagged for signing, and the tx id.
import { hexToBytesStrict, sha3, strip0x, bytesToHex } from './keys';

type RlpInput = Uint8Array | RlpInput[];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function lengthBytes(length: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return new Uint8Array(bytes);
}

function header(length: number, shortBase: number, longBase: number): Uint8Array {
  if (length < 56) return new Uint8Array([shortBase + length]);
  const len = lengthBytes(length);
  return concat([new Uint8Array([longBase + len.length]), len]);
}

export function rlpEncode(input: RlpInput): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.length === 1 && (input[0] ?? 0) < 0x80) return input;
    return concat([header(input.length, 0x80, 0xb7), input]);
  }
  const body = concat(input.map(rlpEncode));
  return concat([header(body.length, 0xc0, 0xf7), body]);
}

/** Big-endian bytes of a non-negative integer, no leading zeros (0 is the empty string, as in go-ethereum's RLP). */
export function uintBytes(value: number | bigint): Uint8Array {
  let rest = BigInt(value);
  if (rest < 0n) throw new Error('RLP integers are non-negative');
  const bytes: number[] = [];
  while (rest > 0n) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return new Uint8Array(bytes);
}

const utf8 = new TextEncoder();

/** The 32-byte, right-zero-padded domain tag Flow prefixes transaction messages with. */
export const TRANSACTION_DOMAIN_TAG: Uint8Array = (() => {
  const tag = new Uint8Array(32);
  tag.set(utf8.encode('FLOW-V0.0-transaction'));
  return tag;
})();

export function addressBytes(address: string): Uint8Array {
  const clean = strip0x(address).padStart(16, '0');
  if (clean.length !== 16) throw new Error(`not a Flow address: ${address}`);
  return hexToBytesStrict(clean, `address ${address}`);
}

/** 0x-prefixed, 16 lower-case hex digits. */
export function normalizeAddress(address: string): string {
  return `0x${bytesToHex(addressBytes(address))}`;
}

export interface TransactionPayload {
  script: string;
  /** JSON-Cadence arguments, each serialised exactly as sent. */
  arguments: string[];
  referenceBlockId: string;
  gasLimit: number;
  proposalKey: { address: string; keyIndex: number; sequenceNumber: number | bigint };
  payer: string;
  authorizers: string[];
}

export interface TransactionSignatureEntry {
  address: string;
  keyIndex: number;
  /** r || s, 64 bytes. */
  signature: Uint8Array;
}

function payloadFields(tx: TransactionPayload): RlpInput[] {
  return [
    utf8.encode(tx.script),
    tx.arguments.map((argument) => utf8.encode(argument)),
    hexToBytesStrict(tx.referenceBlockId, 'reference block id'),
    uintBytes(tx.gasLimit),
    addressBytes(tx.proposalKey.address),
    uintBytes(tx.proposalKey.keyIndex),
    uintBytes(tx.proposalKey.sequenceNumber),
    addressBytes(tx.payer),
    tx.authorizers.map(addressBytes),
  ];
}

/** Accounts in signer order: proposer, payer, then authorizers, each once. A signature's signer index points here. */
export function signerList(tx: TransactionPayload): string[] {
  const seen: string[] = [];
  for (const address of [tx.proposalKey.address, tx.payer, ...tx.authorizers]) {
    const normalized = normalizeAddress(address);
    if (!seen.includes(normalized)) seen.push(normalized);
  }
  return seen;
}

function signatureFields(tx: TransactionPayload, signatures: TransactionSignatureEntry[]): RlpInput[] {
  const signers = signerList(tx);
  return signatures.map((entry) => {
    const signerIndex = signers.indexOf(normalizeAddress(entry.address));
    if (signerIndex < 0) throw new Error(`${entry.address} signs but is neither proposer, payer nor authorizer`);
    return [uintBytes(signerIndex), uintBytes(entry.keyIndex), entry.signature];
  });
}

/** Flow orders signatures by signer index, then key index. */
export function sortSignatures(tx: TransactionPayload, signatures: TransactionSignatureEntry[]): TransactionSignatureEntry[] {
  const signers = signerList(tx);
  const position = (entry: TransactionSignatureEntry): number => signers.indexOf(normalizeAddress(entry.address));
  return [...signatures].sort((a, b) => position(a) - position(b) || a.keyIndex - b.keyIndex);
}

export function payloadMessage(tx: TransactionPayload): Uint8Array {
  return concat([TRANSACTION_DOMAIN_TAG, rlpEncode(payloadFields(tx))]);
}

export function envelopeMessage(tx: TransactionPayload, payloadSignatures: TransactionSignatureEntry[]): Uint8Array {
  return concat([TRANSACTION_DOMAIN_TAG, rlpEncode([payloadFields(tx), signatureFields(tx, payloadSignatures)])]);
}

/** The transaction id: SHA3-256 of the canonical form (payload, payload signatures, envelope signatures). */
export function transactionId(
  tx: TransactionPayload,
  payloadSignatures: TransactionSignatureEntry[],
  envelopeSignatures: TransactionSignatureEntry[],
): string {
  const canonical = rlpEncode([payloadFields(tx), signatureFields(tx, payloadSignatures), signatureFields(tx, envelopeSignatures)]);
  return bytesToHex(sha3(canonical));
}
