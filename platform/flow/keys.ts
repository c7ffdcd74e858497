// ECDSA_P256 keys and SHA3_256 signatures, the only scheme dropline signs Flow transactions with.
import { p256 } from '@noble/curves/nist.js';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export interface FlowKeyPair {
  /** 32-byte scalar, hex without 0x. */
  privateKey: string;
  /** 64-byte uncompressed point without the 0x04 prefix, hex without 0x (Flow's encoding). */
  publicKey: string;
}

export function strip0x(hex: string): string {
  return hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
}

export function hexToBytesStrict(hex: string, what: string): Uint8Array {
  const clean = strip0x(hex);
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`${what} is not valid hex`);
  return hexToBytes(clean);
}

export { bytesToHex };

/** Flow's public key encoding of a P256 private key. */
export function publicKeyFromPrivate(privateKeyHex: string): string {
  const priv = hexToBytesStrict(privateKeyHex, 'private key');
  if (priv.length !== 32) throw new Error('an ECDSA_P256 private key has 32 bytes');
  return bytesToHex(p256.getPublicKey(priv, false).slice(1));
}

export function generateKeyPair(): FlowKeyPair {
  const priv = p256.utils.randomSecretKey();
  return { privateKey: bytesToHex(priv), publicKey: bytesToHex(p256.getPublicKey(priv, false).slice(1)) };
}

/** r || s (64 bytes) of ECDSA_P256 over SHA3_256(message). */
export function signMessage(privateKeyHex: string, message: Uint8Array): Uint8Array {
  const digest = sha3_256(message);
  return p256.sign(digest, hexToBytesStrict(privateKeyHex, 'private key'), { prehash: false, format: 'compact' });
}

export function verifySignature(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  const point = new Uint8Array([4, ...hexToBytesStrict(publicKeyHex, 'public key')]);
  return p256.verify(signature, sha3_256(message), point, { prehash: false, lowS: false });
}

export function sha3(bytes: Uint8Array): Uint8Array {
  return sha3_256(bytes);
}

/** A signer for one account key. */
export interface KeySigner {
  address: string;
  keyIndex: number;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export function privateKeySigner(address: string, keyIndex: number, privateKeyHex: string): KeySigner {
  return { address, keyIndex, sign: (message) => signMessage(privateKeyHex, message) };
}
