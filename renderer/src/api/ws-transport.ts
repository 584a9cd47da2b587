/**
 * Headless transport: one WebSocket to the headless host carrying JSON frames of the protocol
 * (`req` -> `res`, plus pushed `evt`s). Requests made while the socket is down wait in a queue;
 * requests in flight when it drops are rejected (the host may or may not have run them) and the
 * socket reconnects with exponential backoff. Event handlers live here, not on the socket, so
 * they keep working across reconnects.
 */
import { fromErrorShape, WorkbenchError } from '../../../electron/common/errors';
import { EventMessageSchema, ResponseMessageSchema, type ImportFile, type RequestMessage } from '../../../electron/common/protocol';
import type { ConnectionState, Transport, UploadProgress } from './transport';
import { uploadOne } from './upload';

/** The part of the WebSocket API used here; the browser's WebSocket and the `ws` package both have it. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WsTransportOptions {
  /** ws(s)://host:port/ws?token=... */
  url: string;
  /** http(s)://host:port, for uploads. */
  httpBase: string;
  token: string;
  createSocket?: SocketFactory;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

const OPEN = 1;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: WorkbenchError) => void;
  sent: boolean;
  frame: string;
}

export class WsTransport implements Transport {
  private socket: SocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventHandlers = new Set<(event: string, payload: unknown) => void>();
  private readonly connectionHandlers = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'connecting';
  private backoffMs: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closedByUser = false;
  private readonly createSocket: SocketFactory;

  constructor(private readonly opts: WsTransportOptions) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.backoffMs = opts.initialBackoffMs ?? 250;
    this.connect();
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  request(method: string, params: unknown): Promise<unknown> {
    if (this.closedByUser) return Promise.reject(new WorkbenchError('IO_ERROR', 'The connection to the workbench host is closed'));
    const id = this.nextId++;
    const msg: RequestMessage = { t: 'req', id, method, params: params ?? {} };
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve, reject, sent: false, frame: JSON.stringify(msg) };
      this.pending.set(id, entry);
      if (this.socket?.readyState === OPEN) this.send(entry);
    });
  }

  onEvent(handler: (event: string, payload: unknown) => void): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  onConnection(handler: (state: ConnectionState) => void): () => void {
    this.connectionHandlers.add(handler);
    handler(this.state);
    return () => this.connectionHandlers.delete(handler);
  }

  async uploadFiles(files: File[], onProgress?: UploadProgress): Promise<ImportFile[]> {
    const total = files.reduce((n, f) => n + f.size, 0);
    let before = 0;
    const out: ImportFile[] = [];
    // One file at a time: progress stays monotonic and the host's temp dir never holds half-sent siblings.
    for (const file of files) {
      const answer = await uploadOne(this.opts.httpBase, this.opts.token, file, (sent) => onProgress?.(before + sent, total));
      before += file.size;
      out.push({ uploadId: answer.uploadId, name: answer.name });
    }
    onProgress?.(total, total);
    return out;
  }

  close(): void {
    this.closedByUser = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.failPending(new WorkbenchError('IO_ERROR', 'The connection to the workbench host was closed'), true);
    this.socket?.close(1000, 'client closed');
    this.setState('closed');
  }

  private connect(): void {
    const socket = this.createSocket(this.opts.url);
    this.socket = socket;
    socket.onopen = () => {
      this.backoffMs = this.opts.initialBackoffMs ?? 250;
      this.setState('open');
      for (const entry of this.pending.values()) if (!entry.sent) this.send(entry);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    // Errors are always followed by close; reconnecting is handled there.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closedByUser) return;
      this.failPending(new WorkbenchError('IO_ERROR', 'The connection to the workbench host was lost; please retry'), false);
      this.setState('reconnecting');
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, this.backoffMs * (0.8 + Math.random() * 0.4));
      this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 5000);
    };
  }

  private send(entry: Pending): void {
    entry.sent = true;
    this.socket!.send(entry.frame);
  }

  /** Rejects requests already on the wire (their answer is lost); queued ones wait unless `all`. */
  private failPending(err: WorkbenchError, all: boolean): void {
    for (const [id, entry] of this.pending) {
      if (all || entry.sent) {
        this.pending.delete(id);
        entry.reject(err);
      }
    }
  }

  private receive(data: unknown): void {
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : String(data);
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      console.warn('kgw: ignoring a frame that is not JSON');
      return;
    }
    const t = (frame as { t?: unknown } | null)?.t;
    if (t === 'res') {
      const parsed = ResponseMessageSchema.safeParse(frame);
      if (!parsed.success) return console.warn('kgw: ignoring a malformed response frame');
      const res = parsed.data;
      const entry = this.pending.get(res.id);
      if (!entry) return;
      this.pending.delete(res.id);
      if (res.ok) entry.resolve(res.result);
      else entry.reject(fromErrorShape(res.error as Parameters<typeof fromErrorShape>[0]));
    } else if (t === 'evt') {
      const parsed = EventMessageSchema.safeParse(frame);
      if (!parsed.success) return console.warn('kgw: ignoring a malformed event frame');
      for (const handler of this.eventHandlers) handler(parsed.data.event, parsed.data.payload);
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const handler of this.connectionHandlers) handler(state);
  }
}
