/**
 * `kgw search --workspace <dir> --text "..." -k 10` and `kgw similar --workspace <dir> --id <id> -k 10`:
 * nearest nodes by meaning, best first, in this process (the saved index is loaded and brought up
 * to date with the workspace's vectors, then saved again).
 */
import path from 'node:path';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { EmbedderCache } from '../../../native/similarity/embedder-cache';
import { locateModel } from '../../../native/similarity/model-location';
import { validateModelDir } from '../../../native/embed/model-manager';
import { SimilarityService, type SimilarityHit } from '../../../native/similarity/similarity-service';
import { WorkbenchError } from '../../common/errors';
import { printResult, type CliIO } from './output';

export interface SearchArgs {
  workspace: string;
  text?: string;
  id?: string;
  k?: string;
  model?: string;
}

/** Scripts may ask for a whole ranking, so the CLI allows more than the app's 1,000. */
const MAX_K = 100_000;

function parseK(k: string | undefined): number {
  if (k === undefined) return 10;
  const n = Number(k);
  if (!Number.isInteger(n) || n < 1 || n > MAX_K) throw new WorkbenchError('BAD_REQUEST', `-k must be a whole number from 1 to ${MAX_K}, not "${k}"`);
  return n;
}

/**
 * Prints the hits and waits until stdout has taken them: the CLI entry calls process.exit(), which
 * would cut a long answer written to a pipe at 64 KB (seen with -k 1000 | python).
 */
async function printHits(io: CliIO, hits: SimilarityHit[]): Promise<void> {
  printResult(io, hits.map((h) => ({ id: h.id, name: h.name, type: h.type, score: h.score })), () =>
    hits.length ? hits.map((h, i) => `${String(i + 1).padStart(3)}. ${h.score.toFixed(3)}  ${h.name}  [${h.type}]  ${h.id}`) : ['No similar nodes.'],
  );
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
}

async function withService<T>(workspace: string, fn: (service: SimilarityService) => Promise<T>): Promise<T> {
  const dir = path.resolve(workspace);
  const store = new SqliteStore(dir);
  const service = new SimilarityService(store.db, dir);
  try {
    return await fn(service);
  } finally {
    service.flush();
    await store.close();
  }
}

export async function searchCommand(args: SearchArgs, io: CliIO): Promise<void> {
  if (!args.text?.trim()) throw new WorkbenchError('BAD_REQUEST', 'search needs --text "a phrase"');
  const k = parseK(args.k);
  const folder = args.model ? validateModelDir(args.model) : locateModel();
  const embedders = new EmbedderCache();
  try {
    const embedder = await embedders.get(folder);
    const query = await embedder.embed([args.text]);
    const hits = await withService(args.workspace, async (s) => s.searchVector(query, embedder.modelId, { k }));
    await printHits(io, hits);
  } finally {
    await embedders.drop();
  }
}

export async function similarCommand(args: SearchArgs, io: CliIO): Promise<void> {
  if (!args.id) throw new WorkbenchError('BAD_REQUEST', 'similar needs --id <node id>');
  const k = parseK(args.k);
  const id = args.id;
  const hits = await withService(args.workspace, async (s) => s.similarTo(id, { k }));
  await printHits(io, hits);
}
