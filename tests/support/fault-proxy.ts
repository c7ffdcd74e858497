import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// An HTTP proxy in front of a Flow access node's REST API whose misbehaviour a test sets
// at runtime. Faults follow fixed periods over a request counter (every Nth request), so
// a plan injects the same number of faults for the same traffic, run after run; which
// request of concurrent ones gets a fault still varies.

export interface FaultPlan {
  /** Every Nth faultable request is answered 502 or 503 (alternately) without reaching the node. */
  errorEvery?: number;
  /** Every Nth faultable request is never forwarded and never answered: the client's timeout fires. */
  hangEvery?: number;
  /**
   * Every Nth faultable POST /v1/transactions is forwarded to the node (the transaction IS
   * accepted) and its client socket then destroyed instead of returning the answer.
   */
  acceptThenDropEvery?: number;
  /** Only requests whose path matches are faulted (and counted); default all. */
  paths?: RegExp;
}

export interface FaultStats {
  requests: number;
  passed: number;
  errors: number;
  hangs: number;
  acceptedDropped: number;
  /** Transaction ids whose submission the node accepted but the client never heard of. */
  droppedTransactionIds: string[];
}

export interface FaultProxy {
  url: string;
  /** Replaces the plan; `{}` is plain pass-through. Requests already hanging stay hung. */
  setPlan(plan: FaultPlan): void;
  stats(): FaultStats;
  close(): Promise<void>;
}

type Upstream = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(upstreamUrl: string, initial: FaultPlan = {}): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  let plan = initial;
  let faultable = 0;
  let submissions = 0;
  let errorToggle = false;
  const stats: FaultStats = { requests: 0, passed: 0, errors: 0, hangs: 0, acceptedDropped: 0, droppedTransactionIds: [] };
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  function forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => readBody(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    stats.requests++;
    const counted = plan.paths ? plan.paths.test(req.url ?? '') : true;
    const nth = counted ? ++faultable : 0;
    const every = (period: number | undefined) => counted && period !== undefined && period > 0 && nth % period === 0;
    if (every(plan.errorEvery)) {
      stats.errors++;
      errorToggle = !errorToggle;
      const status = errorToggle ? 502 : 503;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, message: 'injected fault' }));
      return;
    }
    if (every(plan.hangEvery)) {
      stats.hangs++;
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const submission = counted && req.method === 'POST' && (req.url ?? '').startsWith('/v1/transactions');
    const period = plan.acceptThenDropEvery;
    const drop = submission && period !== undefined && period > 0 && ++submissions % period === 0;
    const answer = await forward(req, body);
    if (drop && answer.status >= 200 && answer.status < 300) {
      stats.acceptedDropped++;
      const parsed: unknown = JSON.parse(answer.body.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') stats.droppedTransactionIds.push(parsed.id);
      req.socket.destroy();
      return;
    }
    stats.passed++;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) }).end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 502, message: `proxy: ${error instanceof Error ? error.message : String(error)}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setPlan(next) {
      plan = next;
    },
    stats: () => ({ ...stats, droppedTransactionIds: [...stats.droppedTransactionIds] }),
    async close() {
      for (const socket of sockets) socket.destroy();
      hung.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
