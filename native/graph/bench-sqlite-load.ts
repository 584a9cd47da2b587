/**
 * Time to load a graph from SQLite into the CSR: writes a generated graph into a temporary SQLite
 * file with the store's node/edge columns, then times loadGraphFromSqlite on it. Bundle with
 * better-sqlite3 kept external (its native binding cannot be bundled):
 *   npx esbuild --bundle --platform=node --external:better-sqlite3 --outfile=/tmp/gl.js native/graph/bench-sqlite-load.ts
 *   NODE_PATH=$PWD/node_modules node /tmp/gl.js 1000000:12
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { round } from './bench-graph';
import { generateGraph } from './generate-graph';
import { loadGraphFromSqlite } from './sqlite-loader';

export interface LoadBenchResult {
  nodes: number;
  edges: number;
  /** Time to write the generated graph into a fresh SQLite file (setup, not the product path). */
  writeMs: number;
  /** loadGraphFromSqlite: stream both tables and build the CSR. */
  loadMs: number;
  /** CPU time of this process during the load (wall time also counts other processes' turns). */
  loadCpuMs: number;
  edgesPerSecond: number;
  rssMB: number;
}

/** The temporary file is removed afterwards. */
export function benchSqliteLoad(n: number, degree: number): LoadBenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-graph-bench-'));
  const db = new Database(path.join(dir, 'graph.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.exec(`CREATE TABLE nodes (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '');
             CREATE TABLE edges (rid INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, type TEXT NOT NULL DEFAULT '', props TEXT);`);
    const g = generateGraph({ nodes: n, degree, seed: 42, edgeTypes: 8, nodeTypes: 4 });
    const t0 = performance.now();
    const node = db.prepare('INSERT INTO nodes (rid, id, name, type) VALUES (?, ?, ?, ?)');
    const edge = db.prepare('INSERT INTO edges (src, dst, type) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < n; i++) node.run(i + 1, `n${i}`, `node ${i}`, `type${g.nodeType[i]}`);
      for (let e = 0; e < g.src.length; e++) edge.run(g.src[e] + 1, g.dst[e] + 1, `rel${g.etype[e]}`);
    })();
    const writeMs = performance.now() - t0;
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const loaded = loadGraphFromSqlite(db);
    const loadMs = performance.now() - t1;
    const c2 = process.cpuUsage(c1);
    return {
      nodes: loaded.csr.nodeCount,
      edges: loaded.csr.edgeCount,
      writeMs: round(writeMs),
      loadMs: round(loadMs),
      loadCpuMs: round((c2.user + c2.system) / 1000),
      edgesPerSecond: Math.round(loaded.csr.edgeCount / (loadMs / 1000)),
      rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const size = process.argv.find((a) => a.includes(':'));
if (size && process.argv[1]?.endsWith('.js')) {
  const [n, degree] = size.split(':').map(Number);
  console.log(JSON.stringify({ ...benchSqliteLoad(n, degree), loadAverage: os.loadavg()[0] }));
}
