// Plain Node (runs before any dependency exists): installs the locked dependencies
// when node_modules is missing or older than package-lock.json.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  process.stdout.write('installing dependencies (npm ci)\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
