/**
 * Deterministic generator of a networkx-style node-link JSON file (`{directed, multigraph, graph,
 * nodes, links}`) with AutoSchemaKG-shaped records, streamed to disk so any size fits in memory.
 *
 * Run: npx esbuild native/ingest/json/generate-json.ts --bundle --platform=node --outfile=/tmp/gen-json.cjs
 *      node /tmp/gen-json.cjs <out.json> [megabytes=100]
 */
import fs from 'node:fs';
import { seededRandom, syntheticEdge, syntheticNode, writeAll } from '../xml/synthetic-kg';

/** Average bytes per node + its one edge in this layout, to hit the requested size closely. */
const BYTES_PER_NODE_AND_EDGE = 420;

function* nodeLinkParts(nodeCount: number): Generator<string> {
  const rand = seededRandom(42);
  yield '{"directed": true, "multigraph": false, "graph": {"source": "generate-json"}, "nodes": [\n';
  for (let i = 0; i < nodeCount; i++) {
    const n = syntheticNode(i, rand);
    const sep = i + 1 < nodeCount ? ',\n' : '\n';
    yield `{"type": ${JSON.stringify(n.type)}, "file_id": "${n.fileId}", "name": ${JSON.stringify(n.name)}, "id": "${n.id}"}${sep}`;
  }
  yield '], "links": [\n';
  for (let i = 0; i < nodeCount; i++) {
    const e = syntheticEdge(i, nodeCount, rand);
    const sep = i + 1 < nodeCount ? ',\n' : '\n';
    yield `{"relation": ${JSON.stringify(e.relation)}, "type": "${e.type}", "concepts": "[]", "source": "${e.source}", "target": "${e.target}"}${sep}`;
  }
  yield ']}\n';
}

export async function generateNodeLinkJson(file: string, megabytes: number): Promise<number> {
  const nodeCount = Math.max(1, Math.round((megabytes * 1024 * 1024) / BYTES_PER_NODE_AND_EDGE));
  const out = fs.createWriteStream(file);
  await writeAll(out, nodeLinkParts(nodeCount));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return nodeCount;
}

// Bundled into a benchmark, this module shares `require.main`: also check which script runs.
if (require.main === module && /(generate-json|gen-json)\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  const [file, mb] = process.argv.slice(2);
  if (!file) {
    console.error('usage: gen-json <out.json> [megabytes=100]');
    process.exit(2);
  }
  generateNodeLinkJson(file, Number(mb ?? 100)).then((n) => console.log(`${file}: ${n} nodes, ${n} links`));
}
