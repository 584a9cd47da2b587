/**
 * The WebSocket client against a real `ws` server on loopback: frames, correlation, error
 * mapping, events, job completion and reconnection, all over a real socket.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { WorkbenchError } from '../../../electron/common/errors';
import type { RequestMessage } from '../../../electron/common/protocol';
import { WorkbenchClient } from './client';
import { WsTransport, type SocketLike } from './ws-transport';
import { headlessEndpoints, resolveToken } from './connect';

type Handler = (req: RequestMessage, ws: WebSocket) => void;

let server: WebSocketServer;
let port: number;
let handler: Handler;
let connections = 0;
let seenTokens: string[] = [];
const clients: WorkbenchClient[] = [];

function send(ws: WebSocket, frame: unknown) {
  ws.send(JSON.stringify(frame));
}

function startServer(onPort?: number): Promise<void> {
  return new Promise((resolve) => {
    server = new WebSocketServer({ host: '127.0.0.1', port: onPort ?? 0, path: '/ws' });
    server.on('connection', (ws, req) => {
      connections++;
      seenTokens.push(new URL(req.url!, 'http://x').searchParams.get('token') ?? '');
      ws.on('message', (data) => handler(JSON.parse(String(data)) as RequestMessage, ws));
    });
    server.on('listening', () => {
      port = (server.address() as AddressInfo).port;
      resolve();
    });
  });
}

function stopServer(): Promise<void> {
  for (const ws of server.clients) ws.terminate();
  return new Promise((resolve) => server.close(() => resolve()));
}

function connect(): WorkbenchClient {
  const transport = new WsTransport({
    url: `ws://127.0.0.1:${port}/ws?token=secret`,
    httpBase: `http://127.0.0.1:${port}`,
    token: 'secret',
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    initialBackoffMs: 20,
    maxBackoffMs: 100,
  });
  const client = new WorkbenchClient(transport);
  clients.push(client);
  return client;
}

function until(pred: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - start > ms ? reject(new Error('timed out')) : setTimeout(tick, 5));
    tick();
  });
}

beforeEach(async () => {
  connections = 0;
  seenTokens = [];
  handler = (req, ws) => send(ws, { t: 'res', id: req.id, ok: true, result: { echo: req.method, params: req.params } });
  await startServer();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await stopServer();
});

describe('WsTransport + WorkbenchClient', () => {
  it('sends the token and correlates answers that come back out of order', async () => {
    handler = (req, ws) => {
      // Answer the first request last.
      const delay = req.method === 'workspace.current' ? 60 : 0;
      setTimeout(() => send(ws, { t: 'res', id: req.id, ok: true, result: req.method }), delay);
    };
    const client = connect();
    const [a, b, c] = await Promise.all([
      client.call('workspace.current', {}),
      client.call('workspace.recent', {}),
      client.call('graph.stats', {}),
    ]);
    expect([a, b, c]).toEqual(['workspace.current', 'workspace.recent', 'graph.stats']);
    expect(seenTokens).toEqual(['secret']);
  });

  it('passes params through and rejects with a WorkbenchError carrying code and details', async () => {
    handler = (req, ws) => {
      if (req.method === 'graph.node') {
        send(ws, { t: 'res', id: req.id, ok: false, error: { code: 'NOT_FOUND', message: `No node "${(req.params as { id: string }).id}"`, details: { value: 'x' } } });
      } else send(ws, { t: 'res', id: req.id, ok: true, result: req.params });
    };
    const client = connect();
    expect(await client.call('graph.searchName', { q: 'alb', limit: 5 })).toEqual({ q: 'alb', limit: 5 });
    const err = await client.call('graph.node', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No node "x"', details: { value: 'x' } });
  });

  it('delivers events to subscribers of that event only, and unsubscribes', async () => {
    const client = connect();
    const samples: unknown[] = [];
    const changes: unknown[] = [];
    const off = client.on('metrics.samples', (s) => samples.push(s));
    client.on('workspace.changed', (w) => changes.push(w));
    await client.call('workspace.current', {}); // socket is open now
    const ws = [...server.clients][0];
    send(ws, { t: 'evt', event: 'metrics.samples', payload: [{ process: 'host', rss: 1 }] });
    send(ws, { t: 'evt', event: 'workspace.changed', payload: null });
    await until(() => samples.length === 1 && changes.length === 1);
    off();
    send(ws, { t: 'evt', event: 'metrics.samples', payload: [] });
    send(ws, { t: 'evt', event: 'workspace.changed', payload: null });
    await until(() => changes.length === 2);
    expect(samples).toEqual([[{ process: 'host', rss: 1 }]]);
  });

  it('runJob reports progress and resolves on job.finished, even when the event beats the {jobId} answer', async () => {
    handler = (req, ws) => {
      const jobId = `job-${req.id}`;
      if (req.params && (req.params as { race?: boolean }).race) {
        send(ws, { t: 'evt', event: 'job.finished', payload: { jobId, method: req.method, result: { raced: true } } });
        send(ws, { t: 'res', id: req.id, ok: true, result: { jobId } });
        return;
      }
      send(ws, { t: 'res', id: req.id, ok: true, result: { jobId } });
      send(ws, { t: 'evt', event: 'job.progress', payload: { jobId, method: req.method, stage: 'parse', done: 50, total: 100, unit: 'bytes' } });
      send(ws, { t: 'evt', event: 'job.progress', payload: { jobId: 'someone-else', method: req.method, stage: 'parse', done: 1, unit: 'bytes' } });
      send(ws, { t: 'evt', event: 'job.finished', payload: { jobId, method: req.method, result: { nodesAdded: 3 } } });
    };
    const client = connect();
    const progress: number[] = [];
    let started = '';
    const result = await client.runJob('import.start', { files: [{ path: '/a.csv' }] }, (p) => progress.push(p.done), (id) => (started = id));
    expect(result).toEqual({ nodesAdded: 3 });
    expect(progress).toEqual([50]);
    expect(started).toMatch(/^job-/);
    const raced = await client.runJob('import.start', { files: [{ path: '/b.csv' }], race: true } as never);
    expect(raced).toEqual({ raced: true });
  });

  it('runJob rejects with the job.failed error (file and line kept)', async () => {
    handler = (req, ws) => {
      send(ws, { t: 'res', id: req.id, ok: true, result: { jobId: 'j' } });
      send(ws, {
        t: 'evt',
        event: 'job.failed',
        payload: { jobId: 'j', method: req.method, error: { code: 'PARSE_ERROR', message: 'Unclosed quote', details: { file: 'bad.csv', line: 7 } } },
      });
    };
    const client = connect();
    const err = await client.runJob('import.start', { files: [{ path: '/bad.csv' }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'bad.csv', line: 7 } });
  });

  it('reconnects after the host goes away: in-flight calls fail, queued calls and event handlers carry on', async () => {
    handler = (req, ws) => {
      if (req.method === 'graph.overview') return; // never answered: in flight when the host dies
      send(ws, { t: 'res', id: req.id, ok: true, result: req.method });
    };
    const client = connect();
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    const events: unknown[] = [];
    client.on('workspace.changed', (w) => events.push(w));
    expect(await client.call('workspace.current', {})).toBe('workspace.current');

    const inFlight = client.call('graph.overview', { limit: 10 }).catch((e: unknown) => e);
    await until(() => connections === 1);
    await new Promise((r) => setTimeout(r, 20));
    const oldPort = port;
    await stopServer();
    const lost = await inFlight;
    expect(lost).toBeInstanceOf(WorkbenchError);
    expect((lost as WorkbenchError).code).toBe('IO_ERROR');

    // Made while the host is down: waits in the queue.
    const queued = client.call('workspace.recent', {});
    await new Promise((r) => setTimeout(r, 150));
    await startServer(oldPort);
    expect(await queued).toBe('workspace.recent');
    expect(states).toContain('reconnecting');
    expect(states[states.length - 1]).toBe('open');

    send([...server.clients][0], { t: 'evt', event: 'workspace.changed', payload: { path: '/w', name: 'w', store: 'sqlite', nodes: 1, edges: 0 } });
    await until(() => events.length === 1);
  });

  it('ignores garbage frames and answers to unknown ids', async () => {
    handler = (req, ws) => {
      ws.send('not json');
      send(ws, { t: 'res', id: 99999, ok: true, result: 'stray' });
      send(ws, { t: 'res', id: req.id, ok: true, result: 'real' });
    };
    const client = connect();
    expect(await client.call('workspace.current', {})).toBe('real');
  });
});

describe('token and endpoints', () => {
  it('takes the token from the query and remembers it for a reload without one', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    expect(resolveToken('?token=abc', storage)).toBe('abc');
    expect(resolveToken('', storage)).toBe('abc');
    expect(resolveToken('?token=new', storage)).toBe('new');
    expect(resolveToken('', { getItem: () => null, setItem: () => {} })).toBeNull();
  });

  it('derives ws and http addresses from the page origin', () => {
    expect(headlessEndpoints({ protocol: 'http:', host: '127.0.0.1:4321' }, 'a b')).toEqual({
      wsUrl: 'ws://127.0.0.1:4321/ws?token=a%20b',
      httpBase: 'http://127.0.0.1:4321',
    });
    expect(headlessEndpoints({ protocol: 'https:', host: 'h' }, 't').wsUrl).toBe('wss://h/ws?token=t');
  });
});
