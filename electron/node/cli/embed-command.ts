/** `kgw embed --workspace <dir> [--model <folder>]`: embeds every node without a vector, in this process. */
import path from 'node:path';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { EmbedderCache } from '../../../native/similarity/embedder-cache';
import { runEmbedJob } from '../../../native/similarity/embed-job';
import { locateModel } from '../../../native/similarity/model-location';
import { validateModelDir } from '../../../native/embed/model-manager';
import { WorkbenchError } from '../../common/errors';
import { printResult, type CliIO } from './output';

export interface EmbedArgs {
  workspace: string;
  /** A model folder; default: the one the app would use (KGW_MODEL_DIR, app cache, repo .cache). */
  model?: string;
}

export async function embedCommand(args: EmbedArgs, io: CliIO): Promise<void> {
  const folder = args.model ? validateModelDir(args.model) : locateModel();
  const store = new SqliteStore(path.resolve(args.workspace));
  const embedders = new EmbedderCache();
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let lastPrint = 0;
  try {
    const embedder = await embedders.get(folder);
    const result = await runEmbedJob({
      db: store.db,
      embedder,
      signal: abort.signal,
      onProgress: (p) => {
        if (io.json || !process.stderr.isTTY) return;
        const now = Date.now();
        if (now - lastPrint < 200) return;
        lastPrint = now;
        const eta = p.etaMs !== undefined ? ` ETA ${Math.ceil(p.etaMs / 1000)} s` : '';
        process.stderr.write(`\r${p.stage} ${p.done}/${p.total} texts ${p.rate.toFixed(0)}/s${eta}   `);
      },
    });
    if (!io.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (result.cancelled) throw new WorkbenchError('CANCELLED', `Embedding cancelled after ${result.embedded} texts; run kgw embed again to continue.`);
    printResult(io, result, () => [
      `Embedded ${result.embedded} nodes with ${result.modelId} (${result.textsPerSec} texts/s), ${result.fromData} vectors taken from the data, ${result.alreadyDone} already done`,
      `  ${result.alreadyDone + result.embedded + result.fromData} of ${result.nodes} nodes have vectors`,
    ]);
  } finally {
    process.off('SIGINT', onSigint);
    await embedders.drop();
    await store.close();
  }
}
