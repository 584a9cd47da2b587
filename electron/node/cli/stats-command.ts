import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { databasePath } from '../../../native/store/sqlite/open';
import { printResult, type CliIO } from './output';

export async function statsCommand(args: { workspace: string }, io: CliIO): Promise<void> {
  const dir = path.resolve(args.workspace);
  if (!fs.existsSync(databasePath(dir))) throw new WorkbenchError('NO_WORKSPACE', `${dir} is not a workspace (no ${path.basename(databasePath(dir))} in it)`, { file: dir });
  const store = new SqliteStore(dir);
  try {
    const stats = await store.stats();
    printResult(io, stats, () => [
      `${stats.nodes} nodes, ${stats.edges} edges`,
      `node types: ${stats.nodeTypes.slice(0, 10).map((t) => `${t.type || '(none)'} ${t.count}`).join(', ')}`,
      `edge types: ${stats.edgeTypes.slice(0, 10).map((t) => `${t.type || '(none)'} ${t.count}`).join(', ')}`,
    ]);
  } finally {
    await store.close();
  }
}
