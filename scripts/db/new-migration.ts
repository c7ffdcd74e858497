// `npm run db:migration:new -- <name> [--empty]`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the current migrations to prisma/schema.prisma, computed by Prisma's own
// schema engine (wasm build; see schema-engine.ts), as `prisma migrate dev --create-only` would.
// The migrations are replayed in a throwaway shadow database on the DATABASE_URL server (default:
// the local test server); that database itself is not modified. `--empty` creates an empty
// migration for hand-written SQL when the schema has no changes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, MIGRATIONS_DIR, readMigrationLock, readMigrations, SCHEMA_PATH } from './migrations';
import { diffMigrationsToSchema } from './schema-engine';

function fail(message: string): never {
  process.stderr.write(`db:migration:new: ${message}\n`);
  process.exit(1);
}

/** Prisma's folder timestamp: UTC, YYYYMMDDHHMMSS. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const args = process.argv.slice(2);
const empty = args.includes('--empty');
const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--empty');
const names = args.filter((arg) => !arg.startsWith('-'));
if (unknown.length > 0 || names.length !== 1) fail('usage: npm run db:migration:new -- <name> [--empty]');
const slug = (names[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
if (slug === '') fail('the migration name must contain letters or digits');

try {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const sql = await diffMigrationsToSchema(databaseUrl, schema);
  if (sql === '' && !empty) {
    process.stdout.write('db:migration:new: prisma/schema.prisma matches the migrations; nothing to create (pass --empty for a hand-written migration)\n');
    process.exit(0);
  }
  const name = `${timestamp(new Date())}_${slug}`;
  const latest = (await readMigrations()).at(-1)?.name;
  if (latest !== undefined && latest >= name) fail(`${name} would sort before the latest migration ${latest}`);
  const folder = path.join(MIGRATIONS_DIR, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql === '' ? '-- This is an empty migration.\n' : sql);
  if ((await readMigrationLock()) === null) {
    await writeFile(path.join(MIGRATIONS_DIR, MIGRATION_LOCK_FILE), MIGRATION_LOCK_CONTENT);
  }
  process.stdout.write(`db:migration:new: created ${path.relative(process.cwd(), folder)}/migration.sql\n\n${sql}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
