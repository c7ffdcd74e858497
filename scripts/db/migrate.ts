// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL, Prisma-compatibly,
// without the Prisma CLI (whose schema-engine binary cannot be downloaded here or in CI).
import { applyMigrations } from './migrations';

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl === undefined || databaseUrl === '') {
  process.stderr.write('db:migrate: DATABASE_URL is not set\n');
  process.exit(1);
}

try {
  const { applied } = await applyMigrations(databaseUrl);
  process.stdout.write(
    applied.length === 0
      ? 'db:migrate: database is up to date, no pending migrations\n'
      : `db:migrate: applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
  );
} catch (error) {
  process.stderr.write(`db:migrate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
