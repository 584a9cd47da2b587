/** A minimal protocol client over a real WebSocket, for integration tests of the headless host. */
import WebSocket from 'ws';
import type { EventMessage, ResponseMessage } from '../../common/protocol';

export class TestClient {
  private nextId = 1;
  private readonly pending = new Map<number, (m: ResponseMessage) => void>();
  readonly events: EventMessage[] = [];
  private readonly waiters: Array<{ pred: (e: EventMessage) => boolean; resolve: (e: EventMessage) => void }> = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as ResponseMessage | EventMessage;
      if (msg.t === 'res') {
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
      } else {
        this.events.push(msg);
        for (const w of [...this.waiters]) {
          if (w.pred(msg)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(msg);
          }
        }
      }
    });
  }

  static connect(origin: string, token: string): Promise<TestClient> {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?token=${token}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  /** Resolves with the result, or rejects with the error shape `{code, message, details}`. */
  call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.ok ? resolve(m.result as T) : reject(m.error)));
      this.ws.send(JSON.stringify({ t: 'req', id, method, params }));
    });
  }

  waitFor(pred: (e: EventMessage) => boolean, timeoutMs = 60_000): Promise<EventMessage> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), timeoutMs);
      this.waiters.push({ pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  /** Starts a job-method and waits for its end: the result, or the error shape of job.failed. */
  async job<T = unknown>(method: string, params: unknown): Promise<T> {
    const { jobId } = await this.call<{ jobId: string }>(method, params);
    const end = await this.waitFor((e) => (e.event === 'job.finished' || e.event === 'job.failed') && (e.payload as { jobId: string }).jobId === jobId);
    const p = end.payload as { result?: T; error?: unknown };
    if (end.event === 'job.failed') throw p.error;
    return p.result as T;
  }

  close(): void {
    this.ws.close();
  }
}
