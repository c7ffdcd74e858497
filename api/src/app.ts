import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { apiErrorCodes } from '../../domain/errors';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { createAccessTokens } from './auth/access-tokens';
import { createSessions } from './auth/sessions';
import { createSignupProcess } from './auth/signup-process';
import type { ApiConfig } from './config';
import type { AppEnv } from './http/context';
import { HttpError } from './http/errors';
import { buildOpenApiDocument } from './http/openapi';
import { handleError, handleNotFound } from './middleware/errors';
import { hostAllowlist } from './middleware/host-allowlist';
import { createApiMetrics, measureRequests, type ApiMetrics } from './middleware/metrics';
import { createRateLimiter } from './middleware/rate-limit';
import { requestContext } from './middleware/request-context';
import { authDocs, registerAuthRoutes } from './routes/auth';
import { catalogDocs, registerCatalogRoutes } from './routes/catalog';
import { creatorDocs, registerCreatorRoutes } from './routes/creators';
import { onboardingDoc, registerCreatorOnboarding } from './routes/creators/onboarding';
import { meDoc, registerMe } from './routes/me';
import { orderDocs, registerOrderRoutes } from './routes/orders';
import { registerSystemRoutes, systemDocs } from './routes/system';
import { registerStripeWebhook } from './webhooks/stripe';

export interface AppDeps {
  config: ApiConfig;
  db: Database;
  temporal: Client;
  logger: Logger;
  metrics?: ApiMetrics;
}

/** The whole HTTP api, without listening: main.ts serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, db } = deps;
  const metrics = deps.metrics ?? createApiMetrics();
  const accessTokens = createAccessTokens({ secret: config.JWT_SECRET, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS });
  const sessions = createSessions({ db, accessTokens, refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS });
  const signup = createSignupProcess(deps.temporal, {
    codeTtlSeconds: config.VERIFICATION_CODE_TTL_SECONDS,
    maxAttempts: config.VERIFICATION_MAX_ATTEMPTS,
    maxResends: config.VERIFICATION_MAX_RESENDS,
  });

  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use(requestContext(deps.logger, config.API_TRUST_PROXY));
  app.use(measureRequests(metrics));
  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, xFrameOptions: 'DENY' }));
  app.use(hostAllowlist(config.API_ALLOWED_HOSTS));
  app.use('/v1/*', cors({ origin: config.API_CORS_ORIGINS, allowHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'], exposeHeaders: ['X-Request-Id', 'Retry-After'], maxAge: 600 }));
  app.use(
    bodyLimit({
      maxSize: config.API_BODY_LIMIT_BYTES,
      onError: () => {
        throw new HttpError(413, apiErrorCodes.payloadTooLarge, `The request body exceeds ${config.API_BODY_LIMIT_BYTES} bytes`);
      },
    }),
  );

  const openApi = buildOpenApiDocument([...systemDocs, ...authDocs, meDoc, ...creatorDocs, onboardingDoc, ...catalogDocs, ...orderDocs], { title: 'dropline api', version: '1.0.0' });
  registerSystemRoutes(app, { db, temporal: deps.temporal, metrics, openApi: () => openApi });
  registerAuthRoutes(app, {
    db, accessTokens, sessions, signup,
    rateLimit: createRateLimiter(db, config.AUTH_RATE_LIMIT_WINDOW_SECONDS),
    limits: { perIp: config.AUTH_RATE_LIMIT_PER_IP, perAccount: config.AUTH_RATE_LIMIT_PER_ACCOUNT },
    codeTtlSeconds: config.VERIFICATION_CODE_TTL_SECONDS,
  });
  registerMe(app, { db, accessTokens });
  registerStripeWebhook(app, { db, temporal: deps.temporal, webhookSecret: config.STRIPE_WEBHOOK_SECRET });
  registerCreatorRoutes(app, { db, accessTokens });
  registerCreatorOnboarding(app, { db, temporal: deps.temporal, accessTokens, webBaseUrl: config.WEB_BASE_URL });
  registerCatalogRoutes(app, { db, accessTokens });
  registerOrderRoutes(app, { db, temporal: deps.temporal, accessTokens, reservationSeconds: config.CHECKOUT_RESERVATION_SECONDS });
  return app;
}
