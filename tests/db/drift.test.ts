// prisma/schema.prisma and prisma/migrations must describe the same database, and
// scripts/db/migrations.ts must record migrations exactly as `prisma migrate deploy` does.
// Diffs come from Prisma's own schema engine (wasm build, scripts/db/schema-engine.ts); the
// interoperability checks run that engine's implementation of `migrate deploy` against databases
// migrated by applyMigrations, and the other way round.
import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationChecksum, MIGRATIONS_DIR, readMigrations, SCHEMA_PATH } from '../../scripts/db/migrations';
import { databaseUrlFor, dropDatabase, ensureDatabase, withClient } from '../../scripts/infra/postgres';
import { diffDatabaseToSchema, diffMigrationsToSchema, migrationList, withSchemaEngine } from '../../scripts/db/schema-engine';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const NO_FILTERS = { externalTables: [], externalEnums: [] };
const databases: string[] = [];
const directories: string[] = [];
let schema = '';
let migrationNames: string[] = [];

async function scratchDatabase(): Promise<string> {
  const name = `dropline_drift_${process.pid}_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(SERVER_URL, name);
  databases.push(name);
  return databaseUrlFor(SERVER_URL, name);
}

/** A writable copy of prisma/migrations, plus `extra` migrations (name -> SQL). */
async function copyOfMigrations(extra: Record<string, string> = {}): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'dropline-migrations-'));
  directories.push(directory);
  await cp(MIGRATIONS_DIR, directory, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(directory, name));
    await writeFile(path.join(directory, name, 'migration.sql'), sql);
  }
  return directory;
}

function withExtra(text: string, marker: string, extra: string): string {
  expect(text).toContain(marker);
  return text.replace(marker, `${extra}${marker}`);
}

beforeAll(async () => {
  schema = await readFile(SCHEMA_PATH, 'utf8');
  migrationNames = (await readMigrations()).map((migration) => migration.name);
  expect(migrationNames.length).toBeGreaterThan(0);
});

afterAll(async () => {
  for (const name of databases) await dropDatabase(SERVER_URL, name);
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('schema.prisma and prisma/migrations', () => {
  it('describe the same database (otherwise run `npm run db:migration:new -- <name>`)', async () => {
    expect(await diffMigrationsToSchema(SERVER_URL, schema)).toBe('');
  });

  it('a database migrated by applyMigrations matches schema.prisma', async () => {
    const url = await scratchDatabase();
    expect(await applyMigrations(url)).toEqual({ applied: migrationNames });
    expect(await diffDatabaseToSchema(url, schema)).toBe('');
  });

  it('drift is reported when the schema gains a field', async () => {
    const changed = withExtra(schema, '  @@map("users")', '  nickname String?\n\n');
    expect(await diffMigrationsToSchema(SERVER_URL, changed)).toContain('ALTER TABLE "users" ADD COLUMN     "nickname" TEXT');
    const url = await scratchDatabase();
    await applyMigrations(url);
    expect(await diffDatabaseToSchema(url, changed)).toContain('"nickname" TEXT');
  });

  it('drift is reported when the schema gains a model', async () => {
    const model = '\nmodel AuditEvent {\n  id String @id @db.Uuid\n\n  @@map("audit_events")\n}\n';
    expect(await diffMigrationsToSchema(SERVER_URL, schema + model)).toContain('CREATE TABLE "audit_events"');
  });

  it('drift is reported when a migration adds something the schema lacks', async () => {
    const directory = await copyOfMigrations({
      '99990101000000_stray_index': 'CREATE INDEX "users_created_at_idx" ON "users"("created_at");\n',
    });
    expect(await diffMigrationsToSchema(SERVER_URL, schema, directory)).toContain('DROP INDEX "users_created_at_idx"');
  });

  it('replays migrations whose statements contain semicolons (function bodies)', async () => {
    const directory = await copyOfMigrations({
      '99990101000000_function':
        "CREATE FUNCTION dropline_noop() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; PERFORM ';'; END $$;\n",
    });
    expect(await diffMigrationsToSchema(SERVER_URL, schema, directory)).toBe('');
    const url = await scratchDatabase();
    expect((await applyMigrations(url, { migrationsDir: directory })).applied).toContain('99990101000000_function');
  });
});

describe('applyMigrations', () => {
  it('is idempotent and records migrations as Prisma does', async () => {
    const url = await scratchDatabase();
    expect((await applyMigrations(url)).applied).toEqual(migrationNames);
    expect((await applyMigrations(url)).applied).toEqual([]);
    const { rows } = await withClient(url, (client) =>
      client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; logs: string | null }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name',
      ),
    );
    const scripts = await readMigrations();
    expect(rows).toEqual(
      scripts.map((migration) => ({
        migration_name: migration.name,
        checksum: migrationChecksum(migration.script),
        finished_at: expect.any(Date),
        applied_steps_count: 1,
        logs: null,
      })),
    );
  });

  it('refuses to run when an applied migration was edited, but accepts CRLF line endings', async () => {
    const directory = await copyOfMigrations();
    const url = await scratchDatabase();
    await applyMigrations(url, { migrationsDir: directory });
    const first = path.join(directory, migrationNames[0] ?? '', 'migration.sql');
    const original = await readFile(first, 'utf8');
    await writeFile(first, original.replaceAll('\n', '\r\n'));
    expect(await applyMigrations(url, { migrationsDir: directory })).toEqual({ applied: [] });
    await writeFile(first, original);
    await appendFile(first, '\n-- edited after it was applied\n');
    await expect(applyMigrations(url, { migrationsDir: directory })).rejects.toThrow(
      new RegExp(`checksum mismatch.*${migrationNames[0] ?? ''}`),
    );
  });

  it('refuses to run while a failed migration is recorded', async () => {
    const url = await scratchDatabase();
    await applyMigrations(url);
    await withClient(url, (client) =>
      client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, '99990101000000_broken')`, [
        randomUUID(),
        'x'.repeat(64),
      ]),
    );
    await expect(applyMigrations(url)).rejects.toThrow(/failed migration.*99990101000000_broken/);
  });

  it('rolls a failing migration back completely and records nothing', async () => {
    const directory = await copyOfMigrations({
      '99990101000000_broken': 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    });
    const url = await scratchDatabase();
    await expect(applyMigrations(url, { migrationsDir: directory })).rejects.toThrow(
      /99990101000000_broken failed and was rolled back: relation "no_such_table" does not exist/,
    );
    const state = await withClient(url, async (client) => ({
      halfDone: (await client.query(`SELECT to_regclass('public.half_done') AS t`)).rows[0],
      recorded: (await client.query('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).rows,
    }));
    expect(state.halfDone).toEqual({ t: null });
    expect(state.recorded).toEqual(migrationNames.map((name) => ({ migration_name: name })));
  });

  it('records a migration that failed after its own COMMIT as failed, as Prisma does', async () => {
    const directory = await copyOfMigrations({
      '99990101000000_own_transaction': 'BEGIN;\nCREATE TABLE "kept" ("id" INTEGER);\nCOMMIT;\nSELECT * FROM "no_such_table";\n',
    });
    const url = await scratchDatabase();
    await expect(applyMigrations(url, { migrationsDir: directory })).rejects.toThrow(/recorded as failed/);
    await expect(applyMigrations(url, { migrationsDir: directory })).rejects.toThrow(
      /failed migration.*99990101000000_own_transaction/,
    );
  });

  it('serialises concurrent runs with the advisory lock', async () => {
    const url = await scratchDatabase();
    const runs = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual(migrationNames);
  });

  it("waits for Prisma's migration advisory lock and gives up after the timeout", async () => {
    const url = await scratchDatabase();
    await withClient(url, async (client) => {
      await client.query('SELECT pg_advisory_lock(72707369)');
      await expect(applyMigrations(url, { lockTimeoutMs: 500 })).rejects.toThrow(/advisory lock/);
    });
    expect((await applyMigrations(url)).applied).toEqual(migrationNames);
  });
});

describe('interoperability with Prisma migrate (the schema engine Prisma itself runs)', () => {
  it('Prisma accepts a database migrated by applyMigrations', async () => {
    const url = await scratchDatabase();
    await applyMigrations(url);
    const migrationsList = await migrationList();
    const { diagnosis, deploy } = await withSchemaEngine(url, async (engine) => ({
      diagnosis: await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
      deploy: await engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    }));
    expect(diagnosis).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
    expect(deploy.appliedMigrationNames).toEqual([]);
  });

  it('applyMigrations accepts a database migrated by Prisma, with an identical _prisma_migrations table', async () => {
    const [prismaUrl, oursUrl] = [await scratchDatabase(), await scratchDatabase()];
    const migrationsList = await migrationList();
    const deploy = await withSchemaEngine(prismaUrl, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
    expect(deploy.appliedMigrationNames).toEqual(migrationNames);
    expect(await applyMigrations(prismaUrl)).toEqual({ applied: [] });

    await applyMigrations(oursUrl);
    const describeTable = (url: string) =>
      withClient(url, async (client) => ({
        columns: (await client.query(
          `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        )).rows,
        rows: (await client.query('SELECT migration_name, checksum, applied_steps_count, logs, rolled_back_at FROM _prisma_migrations ORDER BY migration_name')).rows,
        constraints: (await client.query(
          `SELECT conname, contype FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass ORDER BY conname`,
        )).rows,
      }));
    expect(await describeTable(oursUrl)).toEqual(await describeTable(prismaUrl));
  });
});
