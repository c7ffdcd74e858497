import { describe, expect, it } from 'vitest';
import { resolveImports, importAddresses } from '../../scripts/chain/contracts';
import { arg, decodeCadence } from './cadence';
import { envelopeMessage, payloadMessage, rlpEncode, TRANSACTION_DOMAIN_TAG, type TransactionPayload } from './encoding';
import { classifyFlowMessage } from './errors';
import { bytesToHex, generateKeyPair, publicKeyFromPrivate, signMessage, verifySignature } from './keys';

// Vectors from flow-go-sdk v1.9.0 transaction_test.go (TestTransaction_RLPMessages), which encode without the domain tag.
const sig = Uint8Array.from(Buffer.from('f7225388c1d69d57e6251c9fda50cbbf9e05131e5adb81e5aa0422402f048162', 'hex'));
const base: TransactionPayload = {
  script: 'transaction { execute { log("Hello, World!") } }',
  arguments: [],
  referenceBlockId: 'f0e4c2f76c58916ec258f246851bea091d14d4247a2fc3e18694461b1816e13b',
  gasLimit: 42,
  proposalKey: { address: '0x01', keyIndex: 4, sequenceNumber: 10 },
  payer: '0x01',
  authorizers: ['0x01'],
};
const tagHex = bytesToHex(TRANSACTION_DOMAIN_TAG);
const untagged = (bytes: Uint8Array): string => bytesToHex(bytes).slice(tagHex.length);

describe('transaction encoding', () => {
  it('matches the Go SDK payload and envelope vectors', () => {
    const payloadSignatures = [{ address: '0x01', keyIndex: 4, signature: sig }];
    expect(untagged(payloadMessage(base))).toBe(
      'f872b07472616e73616374696f6e207b2065786563757465207b206c6f67282248656c6c6f2c20576f726c64212229207d207dc0a0f0e4c2f76c58916ec258f246851bea091d14d4247a2fc3e18694461b1816e13b2a880000000000000001040a880000000000000001c9880000000000000001',
    );
    expect(untagged(envelopeMessage(base, payloadSignatures))).toBe(
      'f899f872b07472616e73616374696f6e207b2065786563757465207b206c6f67282248656c6c6f2c20576f726c64212229207d207dc0a0f0e4c2f76c58916ec258f246851bea091d14d4247a2fc3e18694461b1816e13b2a880000000000000001040a880000000000000001c9880000000000000001e4e38004a0f7225388c1d69d57e6251c9fda50cbbf9e05131e5adb81e5aa0422402f048162',
    );
    const withArgs = { ...base, arguments: ['{"value":"foo","type":"String"}', '{"value":"42","type":"Int"}'] };
    expect(untagged(payloadMessage(withArgs))).toBe(
      'f8afb07472616e73616374696f6e207b2065786563757465207b206c6f67282248656c6c6f2c20576f726c64212229207d207df83c9f7b2276616c7565223a22666f6f222c2274797065223a22537472696e67227d9b7b2276616c7565223a223432222c2274797065223a22496e74227da0f0e4c2f76c58916ec258f246851bea091d14d4247a2fc3e18694461b1816e13b2a880000000000000001040a880000000000000001c9880000000000000001',
    );
    const zeroSeq = { ...base, proposalKey: { address: '0x01', keyIndex: 4, sequenceNumber: 0 } };
    expect(untagged(payloadMessage(zeroSeq))).toContain('0480880000000000000001c9');
  });

  it('encodes long strings and lists with length prefixes', () => {
    expect(bytesToHex(rlpEncode(new Uint8Array(56).fill(1)))).toBe(`b838${'01'.repeat(56)}`);
    expect(bytesToHex(rlpEncode([]))).toBe('c0');
    expect(bytesToHex(rlpEncode(new Uint8Array([0x7f])))).toBe('7f');
    expect(bytesToHex(rlpEncode(new Uint8Array([0x80])))).toBe('8180');
  });
});

describe('keys', () => {
  it('signs ECDSA_P256 over SHA3_256 and verifies', () => {
    const pair = generateKeyPair();
    expect(publicKeyFromPrivate(pair.privateKey)).toBe(pair.publicKey);
    expect(pair.publicKey).toHaveLength(128);
    const message = new TextEncoder().encode('dropline');
    const signature = signMessage(pair.privateKey, message);
    expect(signature).toHaveLength(64);
    expect(verifySignature(pair.publicKey, message, signature)).toBe(true);
    expect(verifySignature(pair.publicKey, new TextEncoder().encode('other'), signature)).toBe(false);
  });
});

describe('JSON-Cadence', () => {
  it('builds arguments', () => {
    expect(arg.address('f8d6e0586b0a20c7')).toEqual({ type: 'Address', value: '0xf8d6e0586b0a20c7' });
    expect(arg.uint64(18446744073709551615n)).toEqual({ type: 'UInt64', value: '18446744073709551615' });
    expect(() => arg.uint64(-1)).toThrow();
    expect(() => arg.uint64('18446744073709551616')).toThrow();
    expect(arg.ufix64('1.5')).toEqual({ type: 'UFix64', value: '1.50000000' });
    expect(arg.ufix64(0.1)).toEqual({ type: 'UFix64', value: '0.10000000' });
    expect(() => arg.ufix64('1.123456789')).toThrow();
    expect(arg.optional(null)).toEqual({ type: 'Optional', value: null });
    expect(arg.dictionary([[arg.string('a'), arg.uint64(1)]])).toEqual({
      type: 'Dictionary',
      value: [{ key: { type: 'String', value: 'a' }, value: { type: 'UInt64', value: '1' } }],
    });
  });

  it('decodes values, composites, paths and types', () => {
    const event = {
      type: 'Event',
      value: {
        id: 'A.f8d6e0586b0a20c7.Drop.Minted',
        fields: [
          { name: 'id', value: { type: 'UInt64', value: '7' } },
          { name: 'to', value: { type: 'Optional', value: { type: 'Address', value: '0x01' } } },
          { name: 'tags', value: { type: 'Array', value: [{ type: 'String', value: 'x' }] } },
          { name: 'path', value: { type: 'Path', value: { domain: 'storage', identifier: 'c' } } },
          { name: 't', value: { type: 'Type', value: { staticType: { kind: 'Resource', typeID: 'A.01.X.NFT' } } } },
        ],
      },
    };
    expect(decodeCadence(event)).toEqual({ id: '7', to: '0x0000000000000001', tags: ['x'], path: '/storage/c', t: 'A.01.X.NFT' });
    expect(() => decodeCadence({ value: 1 })).toThrow(/not a JSON-Cadence value/);
  });
});

describe('error classification', () => {
  it('recognises the invalid sequence number message and its numbers', () => {
    const error = classifyFlowMessage(
      '[Error Code: 1007] error caused by: 1 error occurred:\n\t* checking sequence number failed: [Error Code: 1007] invalid proposal key: public key 0 on account f8d6e0586b0a20c7 has sequence number 1, but given 0\n\n',
    );
    expect(error).toMatchObject({ kind: 'invalid_sequence_number', flowCode: 1007, expectedSequenceNumber: 1, givenSequenceNumber: 0, retryable: true });
  });

  it('separates Cadence failures, signature rejections and expiry', () => {
    expect(classifyFlowMessage('[Error Code: 1101] cadence runtime error: Execution failed:\nerror: panic: boom')).toMatchObject({ kind: 'cadence', flowCode: 1101, retryable: false });
    expect(classifyFlowMessage('[Error Code: 1009] invalid envelope key: public key 0 on account f8d6e0586b0a20c7 does not have a valid signature')).toMatchObject({ kind: 'rejected' });
    expect(classifyFlowMessage('Invalid Flow request: transaction is expired: ref_height=0 final_height=601')).toMatchObject({ kind: 'expired', retryable: true });
    expect(classifyFlowMessage('Invalid Flow request: unknown reference block')).toMatchObject({ kind: 'rejected', retryable: false });
  });

  it('retries a submission the emulator refuses while it executes a block', () => {
    const busy = 'Invalid Flow request: pending block 0d1f… is currently being executed';
    expect(classifyFlowMessage(busy)).toMatchObject({ kind: 'transient', retryable: true });
  });
});

describe('import resolution', () => {
  it('rewrites string imports and names the unknown ones', () => {
    const addresses = importAddresses('0xf8d6e0586b0a20c7', ['Drop']);
    const code = 'import "NonFungibleToken"\nimport FungibleToken from "FungibleToken"\n  import Drop from "./contracts/Drop.cdc"\nimport Crypto from 0xf8d6e0586b0a20c7\naccess(all) contract X {}';
    expect(resolveImports(code, addresses)).toBe(
      'import NonFungibleToken from 0xf8d6e0586b0a20c7\nimport FungibleToken from 0xee82856bf20e2aa6\n  import Drop from 0xf8d6e0586b0a20c7\nimport Crypto from 0xf8d6e0586b0a20c7\naccess(all) contract X {}',
    );
    expect(() => resolveImports('import "Nope"\nimport "Nada"', addresses)).toThrow('Nope, Nada');
  });
});
