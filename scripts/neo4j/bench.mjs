#!/usr/bin/env node
/**
 * Runs the Neo4j insert benchmark (native/store/neo4j/bench-neo4j.ts) on a fresh test server and
 * prints JSON: launcher setup time, server start time and the insert timings.
 *
 *   node scripts/neo4j/bench.mjs                 start a test server and measure
 *   node scripts/neo4j/bench.mjs --uri bolt://127.0.0.1:7687 --user neo4j
 *                                                measure an existing server (password from
 *                                                the NEO4J_PASSWORD environment variable)
 *   --warmup N (default 8) unmeasured rounds first; --rounds N (default 5) measured, medians reported
 *
 * The TypeScript is bundled with esbuild into target/ first (neo4j-driver stays external).
 */
import { build } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(here, 'target', 'bench-neo4j.cjs');

const entry = `
const { benchNeo4j } = require(${JSON.stringify(path.join(root, 'native/store/neo4j/bench-neo4j.ts'))});
const { startNeo4j } = require(${JSON.stringify(path.join(root, 'native/store/neo4j/test-server.ts'))});
module.exports = { benchNeo4j, startNeo4j };
`;

await build({
  stdin: { contents: entry, resolveDir: root, loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: out,
  external: ['neo4j-driver'],
  logLevel: 'warning',
});

const { benchNeo4j, startNeo4j } = await import(pathToFileURL(out).href).then((m) => m.default ?? m);
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const report = { machine: { cpus: os.cpus().length, loadavg1m: os.loadavg()[0] } };
let server;
let target;
if (arg('--uri')) {
  target = { uri: arg('--uri'), user: arg('--user') ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' };
} else {
  const t0 = performance.now();
  server = await startNeo4j(); // includes the (usually no-op) launcher setup
  report.serverStartSeconds = Number(((performance.now() - t0) / 1000).toFixed(2));
  target = server;
}
try {
  Object.assign(report, await benchNeo4j(target.uri, target.user, target.password, { serverPid: server?.pid, warmupRounds: Number(arg('--warmup') ?? 8), measuredRounds: Number(arg('--rounds') ?? 5) }));
  report.machine.loadavg1mAfter = os.loadavg()[0];
  console.log(JSON.stringify(report, null, 2));
} finally {
  await server?.stop();
}
