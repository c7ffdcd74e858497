// Minimal `.env` loader: KEY=VALUE lines, `#` comments, optional `export ` and quotes.
// Variables already set in the environment win; empty values are ignored.
import { existsSync, readFileSync } from 'node:fs';

export function parseDotEnv(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = match[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    entries.set(match[1], value);
  }
  return entries;
}

/** Loads `path` into process.env without overriding; returns the names it set. */
export function loadDotEnv(path: string): string[] {
  if (!existsSync(path)) return [];
  const loaded: string[] = [];
  for (const [key, value] of parseDotEnv(readFileSync(path, 'utf8'))) {
    if (value === '' || process.env[key] !== undefined) continue;
    process.env[key] = value;
    loaded.push(key);
  }
  return loaded;
}
