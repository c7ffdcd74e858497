// JSON-Cadence: argument builders and a decoder to plain, JSON-safe values.
import { normalizeAddress } from './encoding';

/** A value in the JSON-Cadence interchange format. */
export type CadenceJson =
  | { type: 'Void' }
  | { type: 'Optional'; value: CadenceJson | null }
  | { type: 'Bool'; value: boolean }
  | { type: 'Address' | 'String' | 'Character'; value: string }
  | { type: IntegerType | FixedType; value: string }
  | { type: 'Array'; value: CadenceJson[] }
  | { type: 'Dictionary'; value: Array<{ key: CadenceJson; value: CadenceJson }> }
  | { type: CompositeKind; value: { id: string; fields: Array<{ name: string; value: CadenceJson }> } }
  | { type: 'Path'; value: { domain: string; identifier: string } }
  | { type: 'Type'; value: { staticType: unknown } }
  | { type: 'Capability'; value: { id?: string; address: string; borrowType: unknown } }
  | { type: string; value?: unknown };

type CompositeKind = 'Struct' | 'Resource' | 'Event' | 'Contract' | 'Enum';
type IntegerType =
  | 'Int' | 'Int8' | 'Int16' | 'Int32' | 'Int64' | 'Int128' | 'Int256'
  | 'UInt' | 'UInt8' | 'UInt16' | 'UInt32' | 'UInt64' | 'UInt128' | 'UInt256'
  | 'Word8' | 'Word16' | 'Word32' | 'Word64' | 'Word128' | 'Word256';
type FixedType = 'UFix64' | 'Fix64';

/**
 * A decoded Cadence value, JSON-safe (so it can cross Temporal activity boundaries): integers and
 * fixed-point numbers are decimal strings (lossless), addresses `0x` + 16 hex digits, optionals
 * `null` or the value, dictionaries and composites plain objects (composites keep their fields only),
 * paths `/domain/identifier`, types their type id.
 */
export type DecodedValue = null | boolean | string | DecodedValue[] | { [key: string]: DecodedValue };

const INTEGER_TYPES = new Set<string>([
  'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Int128', 'Int256',
  'UInt', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128', 'UInt256',
  'Word8', 'Word16', 'Word32', 'Word64', 'Word128', 'Word256',
]);
const COMPOSITE_TYPES = new Set<string>(['Struct', 'Resource', 'Event', 'Contract', 'Enum']);
const UINT64_MAX = (1n << 64n) - 1n;

function unsigned(value: number | bigint | string, max: bigint, type: string): string {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : 'x') : String(value);
  if (!/^\d+$/.test(text) || BigInt(text) > max) throw new Error(`${String(value)} is not a valid ${type}`);
  return BigInt(text).toString();
}

function signed(value: number | bigint | string): string {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : 'x') : String(value);
  if (!/^-?\d+$/.test(text)) throw new Error(`${String(value)} is not a valid Int`);
  return BigInt(text).toString();
}

/** UFix64 needs a decimal point and at most 8 fractional digits; numbers are formatted with 8. */
function ufix64(value: number | string): string {
  const text = typeof value === 'number' ? value.toFixed(8) : value;
  const match = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (!match || BigInt(match[1] ?? '0') > UINT64_MAX / 100_000_000n) throw new Error(`${String(value)} is not a valid UFix64`);
  return `${BigInt(match[1] ?? '0').toString()}.${(match[2] ?? '').padEnd(8, '0')}`;
}

/** Builders for transaction and script arguments. */
export const arg = {
  address: (value: string): CadenceJson => ({ type: 'Address', value: normalizeAddress(value) }),
  string: (value: string): CadenceJson => ({ type: 'String', value }),
  bool: (value: boolean): CadenceJson => ({ type: 'Bool', value }),
  int: (value: number | bigint | string): CadenceJson => ({ type: 'Int', value: signed(value) }),
  uint8: (value: number | bigint | string): CadenceJson => ({ type: 'UInt8', value: unsigned(value, 255n, 'UInt8') }),
  uint32: (value: number | bigint | string): CadenceJson => ({ type: 'UInt32', value: unsigned(value, 0xffffffffn, 'UInt32') }),
  uint64: (value: number | bigint | string): CadenceJson => ({ type: 'UInt64', value: unsigned(value, UINT64_MAX, 'UInt64') }),
  ufix64: (value: number | string): CadenceJson => ({ type: 'UFix64', value: ufix64(value) }),
  array: (values: CadenceJson[]): CadenceJson => ({ type: 'Array', value: values }),
  dictionary: (entries: Array<[CadenceJson, CadenceJson]>): CadenceJson => ({
    type: 'Dictionary',
    value: entries.map(([key, value]) => ({ key, value })),
  }),
  optional: (value: CadenceJson | null): CadenceJson => ({ type: 'Optional', value }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function staticTypeId(staticType: unknown): string {
  if (typeof staticType === 'string') return staticType;
  if (isRecord(staticType)) {
    if (typeof staticType.typeID === 'string' && staticType.typeID) return staticType.typeID;
    if (typeof staticType.kind === 'string') return staticType.kind;
  }
  return '';
}

function fail(value: unknown): never {
  throw new Error(`not a JSON-Cadence value: ${JSON.stringify(value).slice(0, 200)}`);
}

export function decodeCadence(json: unknown): DecodedValue {
  if (!isRecord(json) || typeof json.type !== 'string') return fail(json);
  const { type, value } = json;
  if (type === 'Void') return null;
  if (type === 'Optional') return value === null || value === undefined ? null : decodeCadence(value);
  if (type === 'Bool') return typeof value === 'boolean' ? value : fail(json);
  if (type === 'Address') return typeof value === 'string' ? normalizeAddress(value) : fail(json);
  if (type === 'String' || type === 'Character' || INTEGER_TYPES.has(type) || type === 'UFix64' || type === 'Fix64') {
    return typeof value === 'string' ? value : fail(json);
  }
  if (type === 'Array') return Array.isArray(value) ? value.map(decodeCadence) : fail(json);
  if (type === 'Dictionary') {
    if (!Array.isArray(value)) return fail(json);
    const out: Record<string, DecodedValue> = {};
    for (const entry of value) {
      if (!isRecord(entry)) return fail(json);
      const key = decodeCadence(entry.key);
      out[typeof key === 'string' ? key : JSON.stringify(key)] = decodeCadence(entry.value);
    }
    return out;
  }
  if (COMPOSITE_TYPES.has(type)) {
    if (!isRecord(value) || !Array.isArray(value.fields)) return fail(json);
    const out: Record<string, DecodedValue> = {};
    for (const field of value.fields) {
      if (!isRecord(field) || typeof field.name !== 'string') return fail(json);
      out[field.name] = decodeCadence(field.value);
    }
    return out;
  }
  if (type === 'Path') return isRecord(value) ? `/${String(value.domain)}/${String(value.identifier)}` : fail(json);
  if (type === 'Type') return isRecord(value) ? staticTypeId(value.staticType) : fail(json);
  if (type === 'Capability') {
    if (!isRecord(value)) return fail(json);
    return { id: String(value.id ?? ''), address: normalizeAddress(String(value.address)), borrowType: staticTypeId(value.borrowType) };
  }
  return fail(json);
}

/** The composite type id (`A.<address>.<Contract>.<Name>`) of a JSON-Cadence value, if it is one. */
export function compositeTypeId(json: unknown): string | undefined {
  if (!isRecord(json) || !isRecord(json.value)) return undefined;
  return typeof json.value.id === 'string' ? json.value.id : undefined;
}
