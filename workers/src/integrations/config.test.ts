import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../platform/config';
import { integrationsWorkerConfigSchema, integrationsWorkerProductionRules } from './config';

describe('integrations worker config', () => {
  it('runs on defaults in development, against stripe-mock-friendly settings', () => {
    const config = loadConfig(integrationsWorkerConfigSchema, {});
    expect(config.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
    expect(config.STRIPE_API_BASE_URL).toBeUndefined();
    expect(config.PLATFORM_FEE_PERCENT).toBe(10);
    expect(config.CHECKOUT_SUCCESS_URL).toContain('{ORDER_ID}');
  });

  it('refuses a publishable key and a fee outside 0–100', () => {
    expect(() => loadConfig(integrationsWorkerConfigSchema, { STRIPE_SECRET_KEY: 'pk_test_abc' })).toThrow(ConfigError);
    expect(() => loadConfig(integrationsWorkerConfigSchema, { PLATFORM_FEE_PERCENT: '120' })).toThrow(ConfigError);
  });

  it('refuses the development Stripe key and unset redirect URLs in production', () => {
    const production = () => loadConfig(integrationsWorkerConfigSchema, { DROPLINE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_dev-only' }, integrationsWorkerProductionRules);
    expect(production).toThrow(/STRIPE_SECRET_KEY: the development default secret/);
    expect(production).toThrow(/CHECKOUT_SUCCESS_URL: must be set in production/);
  });
});
