/**
 * Deterministic generator of AutoSchemaKG-shaped GraphML as networkx writes it (string keys `id`
 * = readable name, `type`, `file_id`; edges with `relation`, `type`, `concepts`; 64-hex node ids;
 * multi-line passage text), streamed to disk so any size fits in memory.
 *
 * Run: npx esbuild native/ingest/xml/generate-graphml.ts --bundle --platform=node --outfile=/tmp/gen-graphml.cjs
 *      node /tmp/gen-graphml.cjs <out.graphml> [megabytes=100]
 */
import fs from 'node:fs';
import { seededRandom, syntheticEdge, syntheticNode, writeAll } from './synthetic-kg';

/** Average bytes per node + its one edge in this layout, to hit the requested size closely. */
const BYTES_PER_NODE_AND_EDGE = 560;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function* graphmlParts(nodeCount: number, edgeCount = nodeCount): Generator<string> {
  const rand = seededRandom(42);
  yield `<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d5" for="edge" attr.name="concepts" attr.type="string" />
  <key id="d4" for="edge" attr.name="type" attr.type="string" />
  <key id="d3" for="edge" attr.name="relation" attr.type="string" />
  <key id="d2" for="node" attr.name="file_id" attr.type="string" />
  <key id="d1" for="node" attr.name="type" attr.type="string" />
  <key id="d0" for="node" attr.name="id" attr.type="string" />
  <graph edgedefault="directed">
`;
  for (let i = 0; i < nodeCount; i++) {
    const n = syntheticNode(i, rand);
    yield `    <node id="${n.id}">
      <data key="d0">${xmlEscape(n.name)}</data>
      <data key="d1">${n.type}</data>
      <data key="d2">${n.fileId}</data>
    </node>
`;
  }
  for (let i = 0; i < edgeCount; i++) {
    const e = syntheticEdge(i, nodeCount, rand);
    yield `    <edge source="${e.source}" target="${e.target}">
      <data key="d3">${xmlEscape(e.relation)}</data>
      <data key="d4">${e.type}</data>
      <data key="d5">[]</data>
    </edge>
`;
  }
  yield '  </graph>\n</graphml>\n';
}

export async function generateGraphml(file: string, megabytes: number): Promise<number> {
  const nodeCount = Math.max(1, Math.round((megabytes * 1024 * 1024) / BYTES_PER_NODE_AND_EDGE));
  const out = fs.createWriteStream(file);
  await writeAll(out, graphmlParts(nodeCount));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return nodeCount;
}

/** A file of exactly `nodes` nodes and `edges` edges (benchmarks state sizes as counts). */
export async function generateGraphmlCounts(file: string, nodes: number, edges: number): Promise<void> {
  const out = fs.createWriteStream(file);
  await writeAll(out, graphmlParts(nodes, edges));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

// Bundled into a benchmark, this module shares `require.main`: also check which script runs.
if (require.main === module && /(generate-graphml|gen-graphml)\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  const [file, mb] = process.argv.slice(2);
  if (!file) {
    console.error('usage: gen-graphml <out.graphml> [megabytes=100]');
    process.exit(2);
  }
  generateGraphml(file, Number(mb ?? 100)).then((n) => console.log(`${file}: ${n} nodes, ${n} edges`));
}
