/**
 * Parse throughput on generated AutoSchemaKG-shaped files (generate-csv.ts), three ways:
 *  1. csv-parse streaming, records only           (the library baseline)
 *  2. csv-parse streaming with `info` (line numbers, which every record must carry)
 *  3. our tokenizer via readRecords (with line numbers)
 *  4. the full autoschemakg-csv handler (records -> NodeRecord/EdgeRecord batches)
 *  5. what an import's parser costs: the parse thread (parse-thread.ts, its heap limits) posting
 *     flat batches (flat-rows.ts) to this thread, which receives them as the writer does; CPU of
 *     the whole process (both threads, including the structured clone each way)
 *
 * Run: npx esbuild native/ingest/csv/bench-parse.ts --bundle --platform=node --outfile=/tmp/bench-parse.cjs
 *      node /tmp/bench-parse.cjs [rows=1000000] [dir=/tmp/kgw-csv-bench] [only=all|thread|handler]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { FormatHandler } from '../format';
import { parseInThread, runParseThreadIfAsked } from '../parse-thread';
import { generateAutoSchemaKgCsv } from './generate-csv';
import { autoSchemaKgCsvHandler } from './neo4j-handler';
import { readRecords } from './read-records';

async function timeIt(label: string, rows: () => Promise<number>): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const n = await rows();
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  // CPU seconds too: on a shared 2-core box wall time swings with other load, CPU time much less.
  const cpu = (c.user + c.system) / 1e6;
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  console.log(`${label.padEnd(44)} ${String(n).padStart(8)} rows  wall ${s.toFixed(2)} s ${String(Math.round(n / s)).padStart(8)} rows/s  cpu ${cpu.toFixed(2)} s ${String(Math.round(n / cpu)).padStart(8)} rows/cpu-s  rss ${rss} MiB`);
}

async function csvParseRows(file: string, info: boolean): Promise<number> {
  let n = 0;
  const parser = fs.createReadStream(file, { highWaterMark: 512 * 1024 }).pipe(parse({ bom: true, info }));
  for await (const _record of parser) n++;
  return n;
}

async function tokenizerRows(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of readRecords({ path: file, file, delimiter: ',', quotes: true })) n += chunk.rows.length;
  return n;
}

async function handlerRows(handler: FormatHandler, file: string): Promise<number> {
  let n = 0;
  const input = { path: file, displayName: file, size: fs.statSync(file).size, options: {}, signal: new AbortController().signal };
  for await (const batch of handler.parse(input)) n += batch.nodes.length + batch.edges.length;
  return n;
}

async function threadRows(file: string): Promise<number> {
  let n = 0;
  const job = { format: 'autoschemakg-csv', path: file, displayName: file, size: fs.statSync(file).size, options: {}, flat: true };
  for await (const batch of parseInThread(__filename, job)) n += batch.flat!.nodes.id.length + batch.flat!.edges.source.length;
  return n;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = process.argv[3] ?? '/tmp/kgw-csv-bench';
  const only = process.argv[4] ?? 'all';
  // Same arguments, same bytes: files left by an earlier run are used as they are.
  const nodesFile = path.join(dir, `triple_nodes_gen_${rows}.csv`);
  const edgesFile = path.join(dir, `triple_edges_gen_${rows}.csv`);
  if (!fs.existsSync(nodesFile) || !fs.existsSync(edgesFile)) await generateAutoSchemaKgCsv(dir, rows, rows);
  console.log(`node ${process.version}, ${rows} rows per file, nodes ${Math.round(fs.statSync(nodesFile).size / 1048576)} MiB, edges ${Math.round(fs.statSync(edgesFile).size / 1048576)} MiB`);
  for (const [kind, file] of [['nodes', nodesFile], ['edges', edgesFile]] as const) {
    if (only === 'all') {
      await timeIt(`${kind}: csv-parse`, () => csvParseRows(file, false));
      await timeIt(`${kind}: csv-parse info:true (line numbers)`, () => csvParseRows(file, true));
      await timeIt(`${kind}: tokenizer + line numbers`, () => tokenizerRows(file));
    }
    if (only === 'all' || only === 'handler') await timeIt(`${kind}: autoschemakg-csv handler (records)`, () => handlerRows(autoSchemaKgCsvHandler, file));
    if (only === 'all' || only === 'thread') await timeIt(`${kind}: parse thread, flat batches (import)`, () => threadRows(file));
  }
}

if (!runParseThreadIfAsked()) main().catch((e) => {
  console.error(e);
  process.exit(1);
});
