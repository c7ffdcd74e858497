// `npm run db:generate`: `prisma generate`, offline. The Prisma CLI resolves its native
// schema-engine binary on every command and tries to download it when it is missing, which fails
// here and in CI (no network beyond package registries). `generate` never executes that engine,
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at /bin/false satisfies the lookup without a download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './migrations';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate', ...process.argv.slice(2)], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
if (result.error !== undefined) process.stderr.write(`db:generate: ${result.error.message}\n`);
process.exit(result.status ?? 1);
