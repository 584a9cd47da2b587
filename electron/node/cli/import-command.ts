import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { ImportOptions } from '../../common/protocol/import';
import { runImport, sourceFromPath } from '../../../native/ingest/run-import';
import { printResult, type CliIO } from './output';
import { openStore, type StoreKind } from './open-store';

export interface ImportArgs {
  files: string[];
  workspace: string;
  format?: string;
  names?: string[];
  missing?: string;
  defaultEdgeType?: string;
  columns?: string[];
  store?: StoreKind;
}

/** `--columns id=iata,name=name` applies to every file given; a user mapping one file at a time is the common case. */
function parseColumns(specs: string[] | undefined, files: string[]): ImportOptions['columns'] {
  if (!specs?.length) return undefined;
  const map: Record<string, string> = {};
  for (const spec of specs.join(',').split(',')) {
    const [role, col] = spec.split('=');
    if (!role || !col) throw new WorkbenchError('BAD_REQUEST', `--columns expects role=column pairs, got "${spec}"`);
    map[role.trim()] = col.trim();
  }
  return Object.fromEntries(files.map((f) => [path.basename(f), map]));
}

/** The parser-thread bundle beside the CLI bundle (dist/workers/parse.js). */
function parseThreadEntry(): string | undefined {
  if (process.env.KGW_BUNDLED !== '1') return undefined;
  const entry = path.join(__dirname, '..', 'workers', 'parse.js');
  return fs.existsSync(entry) ? entry : undefined;
}

export async function importCommand(args: ImportArgs, io: CliIO): Promise<void> {
  if (!args.files.length) throw new WorkbenchError('BAD_REQUEST', 'Name at least one file to import');
  const files = [...args.files, ...(args.names ?? [])];
  const formats: Record<string, string> = {};
  if (args.format) for (const f of args.files) formats[path.basename(f)] = args.format;
  for (const f of args.names ?? []) formats[path.basename(f)] = 'names';
  if (args.missing && args.missing !== 'skip' && args.missing !== 'placeholder') {
    throw new WorkbenchError('BAD_REQUEST', `--missing must be skip or placeholder, not "${args.missing}"`);
  }
  const store = await openStore({ store: args.store ?? 'sqlite', workspace: args.workspace });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let lastPrint = 0;
  try {
    const result = await runImport({
      store,
      sources: files.map(sourceFromPath),
      options: {
        missingEndpoints: (args.missing as 'skip' | 'placeholder' | undefined) ?? 'skip',
        formats,
        defaultEdgeType: args.defaultEdgeType,
        columns: parseColumns(args.columns, args.files),
      },
      signal: abort.signal,
      parseThreadEntry: parseThreadEntry(),
      onProgress: (p) => {
        if (io.json || !process.stderr.isTTY) return;
        const now = Date.now();
        if (now - lastPrint < 200) return;
        lastPrint = now;
        const pct = p.total ? Math.floor((p.done / p.total) * 100) : 0;
        process.stderr.write(`\r${p.stage} ${pct}% ${(p.rate / 2 ** 20).toFixed(1)} MB/s   `);
      },
    });
    if (!io.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const stats = await store.stats();
    printResult(io, { ...result, nodes: stats.nodes, edges: stats.edges }, () => [
      `Imported ${result.files.map((f) => `${f.name} (${f.format})`).join(', ')}`,
      `  +${result.nodesAdded} nodes, +${result.edgesAdded} edges (workspace now ${stats.nodes} nodes, ${stats.edges} edges)`,
      ...result.warnings.map((w) => `  warning ${w.code} x${w.count}: ${w.message}${w.example?.value ? ` (e.g. ${w.example.file ?? ''}${w.example.line ? `:${w.example.line}` : ''} "${w.example.value}")` : ''}`),
      `  stages: ${result.stages.map((s) => `${s.name} ${s.ms.toFixed(0)} ms${s.cpuMs !== undefined ? ` (cpu ${s.cpuMs})` : ''}`).join(', ')}`,
    ]);
  } finally {
    process.off('SIGINT', onSigint);
    await store.close();
  }
}
