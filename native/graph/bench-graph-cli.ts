/**
 * Prints the multi-hop benchmark table. Bundle and run:
 *   npx esbuild --bundle --platform=node --outfile=/tmp/gb.js native/graph/bench-graph-cli.ts && node /tmp/gb.js [--json] [n:degree ...]
 * Default sizes: 10K nodes degree 5, 100K degree 8, 1M degree 12. Loading from SQLite has its own
 * script: bench-sqlite-load.ts.
 */
import os from 'node:os';
import { benchGraph, type GraphBenchResult } from './bench-graph';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sizes = args.filter((a) => a.includes(':')).map((a) => a.split(':').map(Number) as [number, number]);
const runs = sizes.length > 0 ? sizes : ([[10_000, 5], [100_000, 8], [1_000_000, 12]] as Array<[number, number]>);

const results: GraphBenchResult[] = [];
for (const [n, degree] of runs) results.push(benchGraph(n, degree));
const loadAverage = os.loadavg()[0];

if (json) {
  console.log(JSON.stringify({ results, loadAverage, cpus: os.cpus().length }, null, 2));
} else {
  const header = ['nodes', 'edges', 'build ms (cpu)', 'CSR MB', 'rss MB', '3-hop out med/p95 ms (nodes)', '3-hop both med/p95 ms (nodes)', 'path med/p95 ms', 'PPR 20 it ms (cpu)'];
  const rows = results.map((r) => [
    String(r.nodes),
    String(r.edges),
    `${r.buildMs.toFixed(0)} (${r.buildCpuMs.toFixed(0)})`,
    (r.csrBytes / 2 ** 20).toFixed(1),
    String(r.rssMB),
    `${r.khop3.medianMs.toFixed(3)}/${r.khop3.p95Ms.toFixed(3)} (${r.khop3.medianAnswerNodes})`,
    `${r.khop3Both.medianMs.toFixed(3)}/${r.khop3Both.p95Ms.toFixed(3)} (${r.khop3Both.medianAnswerNodes})`,
    `${r.shortestPath.medianMs.toFixed(3)}/${r.shortestPath.p95Ms.toFixed(3)}`,
    `${r.pprMs.toFixed(0)} (${r.pprCpuMs.toFixed(0)})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log(`\nload average while running: ${loadAverage.toFixed(2)} on ${os.cpus().length} cores`);
}
