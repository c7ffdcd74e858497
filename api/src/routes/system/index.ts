import type { Client } from '@temporalio/client';
import type { Hono } from 'hono';
import type { Database } from '../../../../platform/database';
import type { AppEnv } from '../../http/context';
import type { RouteDoc } from '../../http/route-doc';
import type { ApiMetrics } from '../../middleware/metrics';

export const systemDocs: RouteDoc[] = [
  { method: 'get', path: '/healthz', tag: 'operations', summary: 'The process is up', responses: { 200: { description: 'Up' } } },
  { method: 'get', path: '/readyz', tag: 'operations', summary: 'PostgreSQL and Temporal are reachable', responses: { 200: { description: 'Ready' }, 503: { description: 'A dependency is unreachable' } } },
  { method: 'get', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics (text format)', responses: { 200: { description: 'Metrics' } } },
  { method: 'get', path: '/openapi.json', tag: 'operations', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } },
];

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<'ok' | 'unreachable'> {
  const timeout = new Promise<'unreachable'>((resolve) => setTimeout(() => resolve('unreachable'), timeoutMs).unref());
  return Promise.race([check().then(() => 'ok' as const, () => 'unreachable' as const), timeout]);
}

export function registerSystemRoutes(
  app: Hono<AppEnv>,
  deps: { db: Database; temporal: Client; metrics: ApiMetrics; openApi: () => object },
): void {
  app.get('/healthz', (c) => c.json({ data: { status: 'ok' } }, 200));

  app.get('/readyz', async (c) => {
    const [database, temporal] = await Promise.all([
      probe(() => deps.db.$queryRaw`SELECT 1`, 2000),
      probe(() => deps.temporal.connection.workflowService.getSystemInfo({}), 2000),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    return c.json({ data: { status: ready ? 'ready' : 'not_ready', checks: { database, temporal } } }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics(), 200);
  });

  app.get('/openapi.json', (c) => c.json(deps.openApi(), 200));
}
