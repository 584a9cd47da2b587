/**
 * Parse throughput of the GraphML and node-link JSON parsers on generated AutoSchemaKG-shaped files
 * (generate-graphml.ts, generate-json.ts): MB/s by wall clock and by CPU time (the machine is
 * shared, so CPU time is the steadier number), records/s and peak RSS. Parsing only: batches are
 * counted and dropped, nothing is written.
 *
 * Run: npx esbuild native/ingest/json/bench-graph-formats.ts --bundle --platform=node --outfile=/tmp/bench-graph-formats.cjs
 *      node /tmp/bench-graph-formats.cjs [megabytes=100] [workDir=os.tmpdir()]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FormatHandler } from '../format';
import { generateGraphml } from '../xml/generate-graphml';
import { graphmlFormatHandler } from '../xml/index';
import { generateNodeLinkJson } from './generate-json';
import { nodeLinkJsonFormatHandler } from './index';

interface Result {
  format: string;
  megabytes: number;
  records: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

async function measure(handler: FormatHandler, file: string): Promise<Result> {
  const size = fs.statSync(file).size;
  const input = { path: file, displayName: path.basename(file), size, options: {}, signal: new AbortController().signal };
  let records = 0;
  let peakRss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const batch of handler.parse(input)) {
    records += batch.nodes.length + batch.edges.length;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    format: handler.format, megabytes: size / 1048576, records, wallSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: peakRss / 1048576,
  };
}

function report(r: Result): void {
  console.log(
    `${r.format.padEnd(8)} ${r.megabytes.toFixed(1)} MB, ${r.records} records: ` +
    `${(r.megabytes / r.wallSeconds).toFixed(1)} MB/s wall (${r.wallSeconds.toFixed(2)} s), ` +
    `${(r.megabytes / r.cpuSeconds).toFixed(1)} MB/s CPU (${r.cpuSeconds.toFixed(2)} s), ` +
    `${Math.round(r.records / r.wallSeconds)} records/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 100);
  const dir = process.argv[3] ?? os.tmpdir();
  const jsonFile = path.join(dir, `kgw-bench-${megabytes}mb.json`);
  const graphmlFile = path.join(dir, `kgw-bench-${megabytes}mb.graphml`);
  if (!fs.existsSync(jsonFile)) await generateNodeLinkJson(jsonFile, megabytes);
  if (!fs.existsSync(graphmlFile)) await generateGraphml(graphmlFile, megabytes);
  console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // Warm-up on the first few MB is not needed: each run is seconds long; run each twice, report both.
  for (let run = 0; run < 2; run++) {
    report(await measure(nodeLinkJsonFormatHandler, jsonFile));
    report(await measure(graphmlFormatHandler, graphmlFile));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
