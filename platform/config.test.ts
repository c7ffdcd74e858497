import { describe, expect, it } from 'vitest';
import { apiConfigSchema, apiProductionRules } from '../api/src/config';
import { appWorkerConfigSchema, appWorkerProductionRules } from '../workers/src/app/config';
import { ConfigError, loadConfig } from './config';

const strong = (label: string) => `${label}-${'k'.repeat(40)}`;
const productionApi = {
  DROPLINE_ENV: 'production',
  DATABASE_URL: 'postgresql://dropline@db.internal:5432/dropline',
  TEMPORAL_ADDRESS: 'temporal.internal:7233',
  JWT_SECRET: strong('jwt'),
  STRIPE_WEBHOOK_SECRET: strong('whsec'),
  API_ALLOWED_HOSTS: 'api.dropline.example',
  API_CORS_ORIGINS: 'https://dropline.example',
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('api configuration', () => {
  it('starts in development on the embedded defaults', () => {
    const config = loadConfig(apiConfigSchema, {}, apiProductionRules);
    expect(config.DROPLINE_ENV).toBe('development');
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.API_CORS_ORIGINS).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(apiConfigSchema, productionApi, apiProductionRules);
    expect(config.API_ALLOWED_HOSTS).toEqual(['api.dropline.example']);
  });

  it('refuses production with the development JWT secret', () => {
    const { JWT_SECRET: _omitted, ...rest } = productionApi;
    expect(problemsOf(() => loadConfig(apiConfigSchema, rest, apiProductionRules))).toEqual(
      expect.arrayContaining(['JWT_SECRET: must be set in production', 'JWT_SECRET: the development default secret is not allowed in production']),
    );
    expect(problemsOf(() => loadConfig(apiConfigSchema, { ...productionApi, JWT_SECRET: 'dev-only-jwt-secret-change-me-in-production-000' }, apiProductionRules))).toEqual([
      'JWT_SECRET: the development default secret is not allowed in production',
    ]);
  });

  it('refuses production with the development Stripe webhook secret', () => {
    const { STRIPE_WEBHOOK_SECRET: _omitted, ...rest } = productionApi;
    expect(problemsOf(() => loadConfig(apiConfigSchema, rest, apiProductionRules))).toEqual(
      expect.arrayContaining(['STRIPE_WEBHOOK_SECRET: must be set in production', 'STRIPE_WEBHOOK_SECRET: the development default secret is not allowed in production']),
    );
  });

  it('refuses a short secret in any environment', () => {
    expect(problemsOf(() => loadConfig(apiConfigSchema, { JWT_SECRET: 'short' }, apiProductionRules))).toEqual(['JWT_SECRET: JWT_SECRET must be at least 32 characters']);
  });

  it('refuses wildcard hosts and CORS origins in production', () => {
    expect(problemsOf(() => loadConfig(apiConfigSchema, { ...productionApi, API_ALLOWED_HOSTS: '*' }, apiProductionRules))).toEqual(['API_ALLOWED_HOSTS: wildcards are not allowed in production']);
    expect(problemsOf(() => loadConfig(apiConfigSchema, { ...productionApi, API_CORS_ORIGINS: 'https://a.example,*' }, apiProductionRules))).toEqual(['API_CORS_ORIGINS: wildcards are not allowed in production']);
  });

  it('refuses production without a database, Temporal address or allowlists', () => {
    const { DATABASE_URL: _a, API_ALLOWED_HOSTS: _b, ...rest } = productionApi;
    expect(problemsOf(() => loadConfig(apiConfigSchema, rest, apiProductionRules))).toEqual(
      expect.arrayContaining(['DATABASE_URL: must be set in production', 'API_ALLOWED_HOSTS: must be set in production']),
    );
  });

  it('names a malformed value', () => {
    expect(problemsOf(() => loadConfig(apiConfigSchema, { API_PORT: 'eighty' }))[0]).toMatch(/^API_PORT: /);
  });
});

describe('app worker configuration', () => {
  it('refuses production with the development verification secret', () => {
    const env = { DROPLINE_ENV: 'production', DATABASE_URL: 'postgresql://db/dropline', EMAIL_FROM: 'no-reply@dropline.example' };
    expect(problemsOf(() => loadConfig(appWorkerConfigSchema, env, appWorkerProductionRules))).toEqual(
      expect.arrayContaining(['VERIFICATION_CODE_SECRET: must be set in production']),
    );
    expect(loadConfig(appWorkerConfigSchema, { ...env, VERIFICATION_CODE_SECRET: strong('code') }, appWorkerProductionRules).DROPLINE_ENV).toBe('production');
  });
});
