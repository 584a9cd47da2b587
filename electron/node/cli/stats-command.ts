import { printResult, type CliIO } from './output';
import { openStore, type StoreKind } from './open-store';

export async function statsCommand(args: { workspace: string; store?: StoreKind }, io: CliIO): Promise<void> {
  const store = await openStore({ store: args.store ?? 'sqlite', workspace: args.workspace, mustExist: true });
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
