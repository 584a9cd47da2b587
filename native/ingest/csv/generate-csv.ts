/**
 * Deterministic generator of AutoSchemaKG-shaped CSV files (triple_nodes / triple_edges with
 * Neo4j admin-import headers) for parser throughput benchmarks. Same arguments, same bytes.
 *
 * Run: npx esbuild native/ingest/csv/generate-csv.ts --bundle --platform=node --outfile=/tmp/generate-csv.cjs
 *      node /tmp/generate-csv.cjs <outDir> [nodes=1000000] [edges=nodes]
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../../electron/common/seeded-random';


const WORDS = [
  'agent', 'signal', 'base', 'Dulce', 'squad', 'alien', 'protocol', 'mission', 'Alex Mercer', 'Taylor Cruz',
  'Jordan Hayes', 'Sam Rivera', 'command', 'tunnel', 'frequency', 'message', 'decoded', 'briefing', 'team', 'control',
];
const RELATIONS = ['was', 'demanded', 'offered', 'led', 'decoded', 'is participated by', 'located in', 'reported to'];
const CONCEPTS = ['person', 'event', 'location', 'organization', 'communication', 'military unit', 'technology'];

function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Node i's free-text id: entities are short names, events are sentences with commas and quotes. */
export function nodeName(i: number, rand: () => number): { name: string; type: 'entity' | 'event' } {
  const w = (): string => WORDS[Math.floor(rand() * WORDS.length)];
  if (i % 3 === 2) return { name: `${w()} ${w()}, then "${w()}" ${i}`, type: 'event' };
  return { name: `${w()} ${i}`, type: 'entity' };
}

function pythonList(rand: () => number): string {
  const n = Math.floor(rand() * 4);
  if (n === 0) return '[]';
  const items: string[] = [];
  for (let k = 0; k < n; k++) items.push(`'${CONCEPTS[Math.floor(rand() * CONCEPTS.length)]}'`);
  return `[${items.join(', ')}]`;
}

/** Writes through a buffered stream, awaiting drain so memory stays flat for any size. */
async function writeLines(file: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string): Promise<void> | undefined =>
    out.write(s) ? undefined : new Promise((resolve) => out.once('drain', () => resolve()));
  await write(header + '\r\n');
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += line(i) + '\r\n';
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

export async function generateAutoSchemaKgCsv(outDir: string, nodes: number, edges: number): Promise<{ nodesFile: string; edgesFile: string }> {
  fs.mkdirSync(outDir, { recursive: true });
  const nodesFile = path.join(outDir, `triple_nodes_gen_${nodes}.csv`);
  const edgesFile = path.join(outDir, `triple_edges_gen_${edges}.csv`);
  const nodeRand = seededRandom(42);
  await writeLines(nodesFile, 'name:ID,type,concepts,synsets,:LABEL', nodes, (i) => {
    const { name, type } = nodeName(i, seededRandom(1000 + i));
    return `${csvQuote(name)},${type},${csvQuote(pythonList(nodeRand))},[],Node`;
  });
  // Names come from a per-node seed, so edges re-derive endpoint names by index and all resolve.
  const nameOf = (i: number): string => nodeName(i, seededRandom(1000 + i)).name;
  const edgeRand = seededRandom(7);
  await writeLines(edgesFile, ':START_ID,:END_ID,relation,concepts,synsets,:TYPE', edges, () => {
    const a = Math.floor(edgeRand() * nodes);
    const b = Math.floor(edgeRand() * nodes);
    const rel = RELATIONS[Math.floor(edgeRand() * RELATIONS.length)];
    return `${csvQuote(nameOf(a))},${csvQuote(nameOf(b))},${rel},${csvQuote(pythonList(edgeRand))},[],Relation`;
  });
  return { nodesFile, edgesFile };
}

// CLI only when this file (or its bundle, named generate-csv*) is the entry point: other
// bundles that import the generator (bench-parse) must not run it.
const isMain = /generate-csv[^/\\]*$/.test(process.argv[1] ?? '');
if (isMain) {
  const [outDir, nodesArg, edgesArg] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: generate-csv <outDir> [nodes=1000000] [edges=nodes]');
    process.exit(2);
  }
  const nodes = Number(nodesArg ?? 1_000_000);
  const edges = Number(edgesArg ?? nodes);
  generateAutoSchemaKgCsv(outDir, nodes, edges).then((r) => console.log(JSON.stringify(r)));
}
