import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Serves a prom-client registry at /metrics (the worker's own metrics; the SDK's are on another port). */
export function serveMetrics(registry: Registry, port: number): Server {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(port, '0.0.0.0');
  return server;
}
