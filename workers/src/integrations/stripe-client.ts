import Stripe from 'stripe';

export interface StripeClientSettings {
  secretKey: string;
  /** STRIPE_API_BASE_URL: somewhere other than api.stripe.com, e.g. stripe-mock. */
  apiBaseUrl?: string;
  timeoutMs?: number;
  /** The SDK's transport; its Node client by default. */
  httpClient?: Stripe.StripeConfig['httpClient'];
}

/** The Stripe SDK client. Retries belong to Temporal, so the SDK makes one attempt per call. */
export function createStripeClient(settings: StripeClientSettings): Stripe {
  const target = settings.apiBaseUrl ? new URL(settings.apiBaseUrl) : undefined;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 0,
    timeout: settings.timeoutMs ?? 20_000,
    ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === 'https:' ? 443 : 80),
          protocol: target.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}
