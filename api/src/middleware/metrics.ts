import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { Histogram, collectDefaultMetrics, Registry } from 'prom-client';
import type { AppEnv } from '../http/context';

export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** Observes every request under its route pattern, so label cardinality stays bounded. */
export function measureRequests(metrics: ApiMetrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const stop = metrics.httpDuration.startTimer({ method: c.req.method });
    try {
      await next();
    } finally {
      const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
      const route = handler?.path ?? 'unmatched';
      stop({ route, status: String(c.res.status) });
    }
  });
}
