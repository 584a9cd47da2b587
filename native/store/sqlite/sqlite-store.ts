/**
 * The embedded store: one SQLite file per workspace. Methods are synchronous underneath
 * (better-sqlite3) and wrapped in promises to meet the GraphStore interface shared with Neo4j.
 */
import type Database from 'better-sqlite3';
import type { GraphStore, ImportWriter, NeighborPage } from '../graph-store';
import type { GraphNode, GraphStats, Subgraph } from '../../../electron/common/model';
import { openDatabase } from './open';
import { SqliteReader } from './reader';
import { SqliteImportWriter } from './import-writer';

export class SqliteStore implements GraphStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly reader: SqliteReader;

  constructor(readonly workspaceDir: string) {
    this.db = openDatabase(workspaceDir);
    this.reader = new SqliteReader(this.db);
  }

  async beginImport(meta: { files: string[] }): Promise<ImportWriter> {
    return new SqliteImportWriter(this.db, meta.files);
  }

  /** Synchronous variant for callers that own the process (ingest worker, CLI). */
  beginImportSync(files: string[]): SqliteImportWriter {
    return new SqliteImportWriter(this.db, files);
  }

  async stats(): Promise<GraphStats> { return this.reader.stats(); }
  async overview(limit: number): Promise<Subgraph> { return this.reader.overview(limit); }
  async node(id: string): Promise<{ node: GraphNode; passages: Array<{ id: string; text: string }> } | null> { return this.reader.node(id); }
  async neighbors(id: string, opts: { limit: number; offset: number; direction: 'out' | 'in' | 'both' }): Promise<NeighborPage> {
    return this.reader.neighbors(id, opts);
  }
  async searchName(q: string, limit: number) { return this.reader.searchName(q, limit); }

  /** Counts without the type breakdown: cheap enough for the status bar after every change. */
  counts(): { nodes: number; edges: number } {
    const s = this.reader.stats();
    return { nodes: s.nodes, edges: s.edges };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
