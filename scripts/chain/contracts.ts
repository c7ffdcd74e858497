// Where the contracts dropline imports live, and rewriting Cadence imports to those addresses.

/** Core and standard contracts the emulator deploys at genesis (verified against flow-emulator v1.9.0). */
export const EMULATOR_CORE_CONTRACTS: Readonly<Record<string, string>> = {
  NonFungibleToken: '0xf8d6e0586b0a20c7',
  MetadataViews: '0xf8d6e0586b0a20c7',
  ViewResolver: '0xf8d6e0586b0a20c7',
  CrossVMMetadataViews: '0xf8d6e0586b0a20c7',
  Burner: '0xf8d6e0586b0a20c7',
  Crypto: '0xf8d6e0586b0a20c7',
  RandomBeaconHistory: '0xf8d6e0586b0a20c7',
  FlowServiceAccount: '0xf8d6e0586b0a20c7',
  FlowStorageFees: '0xf8d6e0586b0a20c7',
  FungibleToken: '0xee82856bf20e2aa6',
  FungibleTokenMetadataViews: '0xee82856bf20e2aa6',
  FungibleTokenSwitchboard: '0xee82856bf20e2aa6',
  FlowToken: '0x0ae53cb6e3f42a79',
  FlowFees: '0xe5a8b7f23e8b548f',
};

/** The standard contracts dropline imports, where Flow deploys them on the public networks. */
const NETWORK_CORE_CONTRACTS: Readonly<Record<'testnet' | 'mainnet', Readonly<Record<string, string>>>> = {
  testnet: {
    NonFungibleToken: '0x631e88ae7f1d7c20',
    MetadataViews: '0x631e88ae7f1d7c20',
    ViewResolver: '0x631e88ae7f1d7c20',
    FungibleToken: '0x9a0766d93b6608b7',
    Burner: '0x9a0766d93b6608b7',
    FlowToken: '0x7e60df042a9c0868',
  },
  mainnet: {
    NonFungibleToken: '0x1d7e57aa55817448',
    MetadataViews: '0x1d7e57aa55817448',
    ViewResolver: '0x1d7e57aa55817448',
    FungibleToken: '0xf233dcee88fe0abe',
    Burner: '0xf233dcee88fe0abe',
    FlowToken: '0x1654653399040a61',
  },
};

export type FlowNetwork = 'emulator' | 'testnet' | 'mainnet';

/** The import map for contracts deployed by dropline to `serviceAddress` on top of the network's core contracts. */
export function importAddresses(serviceAddress: string, ownContracts: string[] = [], network: FlowNetwork = 'emulator'): Record<string, string> {
  const core = network === 'emulator' ? EMULATOR_CORE_CONTRACTS : NETWORK_CORE_CONTRACTS[network];
  return { ...core, ...Object.fromEntries(ownContracts.map((name) => [name, serviceAddress])) };
}

// `import "X"`, `import X from "X"`, `import X from "./X.cdc"`; address imports are left alone.
const STRING_IMPORT = /^(\s*)import\s+"([^"]+)"\s*$/;
const FROM_STRING_IMPORT = /^(\s*)import\s+([A-Za-z_][A-Za-z0-9_]*)\s+from\s+"([^"]+)"\s*$/;

function contractName(importPath: string): string {
  const file = importPath.split('/').pop() ?? importPath;
  return file.replace(/\.cdc$/, '');
}

/** Rewrites string imports to `import X from 0x...`; throws naming every contract missing from `addresses`. */
export function resolveImports(code: string, addresses: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const lines = code.split('\n').map((line) => {
    const plain = STRING_IMPORT.exec(line);
    const from = plain ? undefined : FROM_STRING_IMPORT.exec(line);
    if (!plain && !from) return line;
    const indent = (plain ?? from)?.[1] ?? '';
    const name = plain ? contractName(plain[2] ?? '') : (from?.[2] ?? '');
    const address = addresses[name];
    if (!address) {
      missing.add(name);
      return line;
    }
    return `${indent}import ${name} from ${address}`;
  });
  if (missing.size > 0) throw new Error(`no address known for imported contract(s): ${[...missing].join(', ')}`);
  return lines.join('\n');
}
