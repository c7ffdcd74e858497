import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Cadence transactions and scripts from the repository's cadence/ folder, read once and
 * with their imports rewritten to the configured network's contract addresses.
 */
export function createCadenceLoader(cadenceDir: string, resolveImports: (code: string) => string): (file: string) => string {
  const cache = new Map<string, string>();
  return (file) => {
    let code = cache.get(file);
    if (code === undefined) {
      code = resolveImports(readFileSync(path.join(cadenceDir, file), 'utf8'));
      cache.set(file, code);
    }
    return code;
  };
}
