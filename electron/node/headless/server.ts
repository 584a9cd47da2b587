/**
 * The headless host: the built renderer and the API over one loopback HTTP server. Every API
 * route and the WebSocket need the access token printed at start; the page keeps it after load.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestMessageSchema, type EventMessage, type ResponseMessage } from '../../common/protocol';
import { toErrorShape, WorkbenchError } from '../../common/errors';
import { Host } from '../host/host';
import { NodeWorkerLauncher } from '../host/node-launcher';
import { rendererDir } from '../host/app-paths';
import { serveStatic } from './static-files';
import { receiveUpload, sweepUploads } from './uploads';
import { renderPrometheus } from './prometheus-route';

export interface HeadlessOptions {
  host?: string;
  port?: number;
  dataDir: string;
  allow?: string[];
  token?: string;
  maxUploadBytes?: number;
  /** Store of workspaces not switched either way yet (`--store neo4j`: the NEO4J_* server). */
  defaultStore?: 'sqlite' | 'neo4j';
}

export interface HeadlessServer {
  url: string;
  token: string;
  port: number;
  host: Host;
  close(): Promise<void>;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export async function startHeadless(opts: HeadlessOptions): Promise<HeadlessServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const uploadDir = path.join(opts.dataDir, 'uploads');
  sweepUploads(uploadDir);
  const host = new Host({
    dataDir: opts.dataDir,
    launcher: new NodeWorkerLauncher(),
    trustClientPaths: false,
    allowedRoots: opts.allow,
    uploadDir,
    processName: 'host',
    defaultStore: opts.defaultStore,
  });
  const maxUpload = opts.maxUploadBytes ?? 8 * 2 ** 30;
  const bindHost = opts.host ?? '127.0.0.1';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authed = tokenMatches(token, url.searchParams.get('token') ?? (req.headers.authorization?.replace(/^Bearer /, '') || null));
    if (url.pathname === '/upload' && req.method === 'POST') {
      if (!authed) return sendJson(res, 401, { error: { code: 'FORBIDDEN', message: 'Missing or wrong access token' } });
      const name = path.basename(url.searchParams.get('name') ?? 'upload');
      receiveUpload(req, uploadDir, name, maxUpload).then(
        (r) => sendJson(res, 200, r),
        (err) => sendJson(res, err instanceof WorkbenchError && err.code === 'TOO_LARGE' ? 413 : 500, { error: toErrorShape(err) }),
      );
      return;
    }
    if (url.pathname === '/metrics') {
      if (!authed) return sendJson(res, 401, { error: { code: 'FORBIDDEN', message: 'Missing or wrong access token' } });
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(renderPrometheus(host));
      return;
    }
    if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'BAD_REQUEST', message: 'Method not allowed' } });
    serveStatic(rendererDir(), url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 2 ** 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    // A page from another site must not drive this server even if it guessed the port.
    const sameOrigin = !origin || origin === `http://${req.headers.host}`;
    if (url.pathname !== '/ws' || !sameOrigin || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, host));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindHost, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${bindHost}:${port}/?token=${token}`,
    token,
    port,
    host,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      host.stop();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function attachClient(ws: WebSocket, host: Host): void {
  const unsubscribe = host.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'evt', event, payload } satisfies EventMessage));
  });
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let id = -1;
    try {
      const msg = RequestMessageSchema.parse(JSON.parse(String(data)));
      id = msg.id;
      const result = await host.handle(msg.method, msg.params);
      ws.send(JSON.stringify({ t: 'res', id, ok: true, result: result ?? null } satisfies ResponseMessage));
    } catch (err) {
      ws.send(JSON.stringify({ t: 'res', id, ok: false, error: toErrorShape(err) as never } satisfies ResponseMessage));
    }
  });
}
