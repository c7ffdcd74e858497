// Prisma's schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm, from npm), driven
// through @prisma/adapter-pg. It computes the SQL diffs behind `npm run db:migration:new` and the
// drift test, so no native engine binary (which cannot be downloaded here or in CI) is needed.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { ErrorRegistry, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, MIGRATIONS_DIR, readMigrationLock, readMigrations, REPO_ROOT } from './migrations';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

let engineLoaded: Promise<typeof engineGlue> | undefined;

/** Where the wasm glue reports Rust panics (the instance then traps with a bare "unreachable"). */
const panics = {
  message: '',
  set_message(message: string) {
    panics.message = message;
  },
};

/** Instantiates the wasm by hand: its package entry point needs Node's experimental wasm-ESM loader. */
function loadSchemaEngine(): Promise<typeof engineGlue> {
  engineLoaded ??= (async () => {
    Reflect.set(globalThis, 'PRISMA_WASM_PANIC_REGISTRY', panics);
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    const imports: WebAssembly.Imports = { './schema_engine_bg.js': { ...engineGlue } };
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    engineGlue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') (start as () => void)();
    return engineGlue;
  })();
  return engineLoaded;
}

/** The engine's error, with the driver error it only references ("External error id#N") spelled out. */
function asError(error: unknown, registry: ErrorRegistry): Error {
  if (panics.message !== '') {
    const message = `Prisma schema engine panicked: ${panics.message}`;
    panics.message = '';
    return new Error(message, { cause: error });
  }
  const engineError =
    error instanceof Error
      ? error
      : new Error(typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error));
  const id = engineError.message.match(/External error id#(\d+)/)?.[1];
  const driverError = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (driverError === undefined) return engineError;
  const detail = driverError instanceof Error ? driverError.message : JSON.stringify(driverError);
  return new Error(`${engineError.message}\nCaused by: ${detail}`, { cause: engineError });
}

/**
 * The engine reads `pg_constraint.contype`, a "char" column (oid 18) that @prisma/adapter-pg 7.10
 * rejects as an unsupported type; pg already returns its value as text, so report it as text (25).
 */
function reportCharColumnsAsText(client: pg.PoolClient): void {
  const connection: unknown = Reflect.get(client, 'connection');
  if (!(connection instanceof EventEmitter)) throw new Error('pg client has no protocol connection to observe');
  connection.on('rowDescription', (message: { fields?: { dataTypeID: number }[] }) => {
    for (const field of message.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  });
}

/** A pool for the engine's adapters; the listeners are registered once per pool. */
function enginePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('connect', reportCharColumnsAsText);
  // Idle clients can see their backend terminated (e.g. by the shadow database's forced drop).
  pool.on('error', () => undefined);
  return pool;
}

async function connectAdapter(pool: pg.Pool, onDispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool).connect();
  const release = adapter.dispose.bind(adapter);
  // adapter-pg splits scripts on every ";" (breaking function bodies and string literals); send
  // the whole script in one simple-protocol query instead, as psql and the native engine do.
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  adapter.dispose = async () => {
    await release();
    await onDispose();
  };
  return adapter;
}

/**
 * A PrismaPg-based factory whose shadow databases are dropped once their pool is closed (adapter-pg's
 * own connectToShadowDb drops the database while its pool still holds a connection, which fails).
 */
function migrationAwareFactory(pool: pg.Pool, config: pg.PoolConfig): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(pool, async () => undefined),
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await pool.query(`CREATE DATABASE "${database}"`);
      const shadowPool = enginePool({ ...config, database });
      return connectAdapter(shadowPool, async () => {
        await shadowPool.end();
        await pool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      });
    },
  };
}

/**
 * Runs `use` with a wasm schema engine connected to `databaseUrl`. Diffs that start from
 * migrations replay them in a throwaway shadow database created (and dropped) on the same server.
 */
export async function withSchemaEngine<T>(databaseUrl: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const wasm = await loadSchemaEngine();
  // Discrete fields (not a connectionString), so the shadow config can override `database`.
  const config: pg.PoolConfig = { ...parseIntoClientConfig(databaseUrl), max: 2 };
  const pool = enginePool(config);
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(pool, config));
    const fail = (error: unknown) => Promise.reject(asError(error, adapter.errorRegistry));
    const engine = await wasm.SchemaEngine.new({ datamodels: undefined }, () => undefined, adapter).catch(fail);
    try {
      return await use(engine).catch(fail);
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}

export async function migrationList(migrationsDir: string = MIGRATIONS_DIR): Promise<MigrationList> {
  const [lock, migrations] = await Promise.all([readMigrationLock(migrationsDir), readMigrations(migrationsDir)]);
  return {
    baseDir: migrationsDir,
    // The engine needs the provider from the lock file; default it for a not-yet-created directory.
    lockfile: { path: MIGRATION_LOCK_FILE, content: lock ?? MIGRATION_LOCK_CONTENT },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.script } },
    })),
  };
}

export function schemaTarget(schema: string): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] };
}

/** SQL that turns `from` into `to`, or '' when they are equivalent. */
export async function diffScript(engine: SchemaEngine, from: DiffTarget, to: DiffTarget): Promise<string> {
  const filters = { externalTables: [], externalEnums: [] };
  const { stdout } = await engine.diff({ from, to, script: true, exitCode: null, filters });
  const script = stdout ?? '';
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(script) ? '' : script;
}

/** SQL needed to bring the migration history up to `schema` ('' = no drift). Uses a shadow database. */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  schema: string,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<string> {
  const from: DiffTarget = { tag: 'migrations', ...(await migrationList(migrationsDir)) };
  return withSchemaEngine(databaseUrl, (engine) => diffScript(engine, from, schemaTarget(schema)));
}

/** SQL needed to bring the live database at `databaseUrl` up to `schema` ('' = no drift). */
export async function diffDatabaseToSchema(databaseUrl: string, schema: string): Promise<string> {
  const live: DiffTarget = { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schema }], configDir: REPO_ROOT };
  return withSchemaEngine(databaseUrl, (engine) => diffScript(engine, live, schemaTarget(schema)));
}
