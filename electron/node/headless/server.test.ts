import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHeadless, type HeadlessServer } from './server';
import { TestClient } from './test-client';

const datasets = path.resolve(__dirname, '../../../../shared/datasets');

describe('headless host over a real WebSocket, with real workers', () => {
  let server: HeadlessServer;
  let client: TestClient;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-host-'));
    server = await startHeadless({ dataDir, allow: [datasets], port: 0 });
    client = await TestClient.connect(`http://127.0.0.1:${server.port}`, server.token);
  });

  afterAll(async () => {
    client?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the WebSocket, uploads and /metrics without the token', async () => {
    await expect(TestClient.connect(`http://127.0.0.1:${server.port}`, 'wrong-token')).rejects.toThrow(/401/);
    const up = await fetch(`http://127.0.0.1:${server.port}/upload?name=x.csv`, { method: 'POST', body: 'a,b' });
    expect(up.status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(metrics.status).toBe(401);
  });

  it('opens the sample workspace with its 32 nodes and 73 edges', async () => {
    const info = await client.call<{ nodes: number; edges: number; name: string }>('workspace.openSample');
    expect(info.nodes).toBe(32);
    expect(info.edges).toBe(73);
    const hits = await client.call<Array<{ id: string; name: string }>>('graph.searchName', { q: 'mara' });
    expect(hits[0].name).toBe('Mara Quill');
    const detail = await client.call<{ node: { type: string; props: Record<string, unknown> }; passages: Array<{ id: string; text: string }> }>('graph.node', { id: 'Mara Quill' });
    expect(detail.node.props.concepts).toEqual(['lighthouse keeper', 'person']);
    expect(detail.passages.map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('rejects bad parameters with a clear BAD_REQUEST', async () => {
    await expect(client.call('graph.neighbors', { id: 42 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.call('no.such.method')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses paths outside the allowed folders', async () => {
    await expect(client.call('workspace.open', { path: '/etc/kgw-should-not-exist' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.job('import.start', { files: [{ path: '/etc/passwd' }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('imports an uploaded file into a new workspace and reports progress', async () => {
    await client.call('workspace.open', { path: path.join(dataDir, 'ws-upload') });
    const body = fs.readFileSync(path.join(datasets, 'graphml_gephi_miserables.graphml'));
    const res = await fetch(`http://127.0.0.1:${server.port}/upload?token=${server.token}&name=miserables.graphml`, { method: 'POST', body });
    const up = (await res.json()) as { uploadId: string; size: number };
    expect(up.size).toBe(body.length);
    const result = await client.job<{ nodesAdded: number; edgesAdded: number }>('import.start', { files: [{ uploadId: up.uploadId, name: 'miserables.graphml' }] });
    expect(result).toMatchObject({ nodesAdded: 77, edgesAdded: 254 });
    const changed = await client.waitFor((e) => e.event === 'workspace.changed' && (e.payload as { nodes: number } | null)?.nodes === 77);
    expect((changed.payload as { edges: number }).edges).toBe(254);
  });

  it('a malformed file fails with file and line, and leaves the workspace as it was', async () => {
    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, 'id,name\n1,ok\n2,"unclosed\n3,x\n');
    const before = await client.call<{ nodes: number; edges: number }>('graph.stats');
    const res = await fetch(`http://127.0.0.1:${server.port}/upload?token=${server.token}&name=bad.csv`, { method: 'POST', body: fs.readFileSync(bad) });
    const up = (await res.json()) as { uploadId: string };
    const err = await client.job('import.start', { files: [{ uploadId: up.uploadId, name: 'bad.csv' }] }).then(() => null, (e) => e as { code: string; details: { file: string; line: number } });
    expect(err?.code).toBe('PARSE_ERROR');
    expect(err?.details.file).toBe('bad.csv');
    expect(err?.details.line).toBe(3);
    const after = await client.call<{ nodes: number; edges: number }>('graph.stats');
    expect(after).toEqual(before);
  });

  it('a crashed worker fails its job and is restarted for the next call', async () => {
    const { jobId } = await client.call<{ jobId: string }>('import.start', { files: [{ path: path.join(datasets, 'triples_wn18rr_train.txt') }] });
    await client.waitFor((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId);
    server.host.supervisor.crash('ingest');
    const end = await client.waitFor((e) => e.event === 'job.failed' && (e.payload as { jobId: string }).jobId === jobId);
    expect((end.payload as { error: { code: string } }).error.code).toBe('WORKER_CRASHED');
    await client.waitFor((e) => e.event === 'worker.restarted');
    const stats = await client.call<{ nodes: number }>('graph.stats');
    expect(stats.nodes).toBe(77);
    const again = await client.job<{ nodesAdded: number }>('import.start', { files: [{ path: path.join(datasets, 'csv_neo4j_movies.csv') }] });
    expect(again.nodesAdded).toBe(3);
  });

  it('cancel rolls an import back', async () => {
    const before = await client.call<{ nodes: number; edges: number }>('graph.stats');
    const { jobId } = await client.call<{ jobId: string }>('import.start', { files: [{ path: path.join(datasets, 'triples_wn18rr_train.txt') }] });
    await client.waitFor((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId);
    await client.call('job.cancel', { jobId });
    const end = await client.waitFor((e) => (e.event === 'job.failed' || e.event === 'job.finished') && (e.payload as { jobId: string }).jobId === jobId);
    // A tiny file might finish before the cancel lands; this one is 3 MB, so cancel must win.
    expect(end.event).toBe('job.failed');
    expect((end.payload as { error: { code: string } }).error.code).toBe('CANCELLED');
    expect(await client.call('graph.stats')).toMatchObject({ nodes: before.nodes, edges: before.edges });
  });

  it('streams 1 Hz samples of the host and every running worker', async () => {
    const ev = await client.waitFor((e) => e.event === 'metrics.samples' && (e.payload as Array<{ process: string }>).some((s) => s.process === 'store'));
    const samples = ev.payload as Array<{ process: string; rss: number }>;
    expect(samples.find((s) => s.process === 'host')!.rss).toBeGreaterThan(10 * 2 ** 20);
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics?token=${server.token}`)).text();
    expect(text).toMatch(/kgw_process_resident_memory_bytes\{process="host"\} \d+/);
  });
});
