import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, resolve, sep } from 'node:path';

// Serves a built web client (`vite build`) and proxies `/v1/*` to the api, so the browser
// sees one origin exactly as in production. Used by the browser tests.

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  distDir: string;
  apiUrl: string;
  host?: string;
  port?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = resolve(options.distDir);
  const api = new URL(options.apiUrl);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/v1' || path.startsWith('/v1/')) proxyToApi(req, res, api);
    else void serveStatic(req, res, root);
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      ready();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web server has no TCP address');
  return {
    url: `http://${host}:${String(address.port)}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => {
          if (error) fail(error);
          else done();
        });
        server.closeAllConnections();
      }),
  };
}

function proxyToApi(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const send = api.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    {
      protocol: api.protocol,
      hostname: api.hostname,
      port: api.port,
      method: req.method,
      path: `${api.pathname.replace(/\/$/, '')}${req.url ?? ''}`,
      headers: { ...req.headers, host: api.host },
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'bad_gateway', message: `api unreachable: ${error.message}`, requestId: 'web-proxy' } }));
  });
  req.pipe(upstream);
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let file: string;
  try {
    file = resolve(root, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://web').pathname)}`);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  // Unknown paths get the app shell, like any single-page app host.
  if (!(await isFile(file))) file = resolve(root, 'index.html');
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).on('error', (error) => res.destroy(error)).pipe(res);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
