import { z } from 'zod';

// Building blocks for the per-process config schemas. Only entry points call
// `loadConfig(schema, process.env)`; everything else receives typed config.

export const environmentSchema = z.enum(['development', 'test', 'production']).default('development');
export type Environment = z.infer<typeof environmentSchema>;

export const logLevelSchema = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info');

const DEV_SECRET_MARKER = 'dev-only';

/** A secret with a development default; production refuses the default and short values. */
export const secretSchema = (name: string) =>
  z.string().min(32, `${name} must be at least 32 characters`).default(`${DEV_SECRET_MARKER}-${name.toLowerCase()}-change-me-000000`);

export const portSchema = z.coerce.number().int().min(0).max(65535);
export const positiveIntSchema = z.coerce.number().int().positive();
export const csvSchema = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0));

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface ProductionRules {
  secrets?: string[];
  hostLists?: string[];
  required?: string[];
}

/**
 * Parses the environment with a process's schema. In production it also refuses
 * development secrets, unset secrets and `*` host or CORS lists, naming each setting.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
  rules: ProductionRules = {},
): z.infer<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const config = parsed.data as Record<string, unknown>;
  if (config.DROPLINE_ENV === 'production') {
    const problems = productionProblems(config, input, rules);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return parsed.data;
}

function productionProblems(
  config: Record<string, unknown>,
  input: Record<string, string | undefined>,
  rules: ProductionRules,
): string[] {
  const problems: string[] = [];
  for (const key of [...(rules.secrets ?? []), ...(rules.required ?? [])]) {
    if (input[key] === undefined) problems.push(`${key}: must be set in production`);
  }
  for (const key of rules.secrets ?? []) {
    const value = config[key];
    if (typeof value === 'string' && value.includes(DEV_SECRET_MARKER)) {
      problems.push(`${key}: the development default secret is not allowed in production`);
    }
  }
  for (const key of rules.hostLists ?? []) {
    const value = config[key];
    if (Array.isArray(value) && value.some((entry) => typeof entry === 'string' && entry.includes('*'))) {
      problems.push(`${key}: wildcards are not allowed in production`);
    }
    if (Array.isArray(value) && value.length === 0) problems.push(`${key}: must list at least one entry in production`);
  }
  return problems;
}
