/**
 * Similarity questions about one workspace: nearest nodes to a query vector, nodes similar to a
 * node. Holds one WorkspaceIndex per model; used by the vector worker and by the CLI in-process.
 */
import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../electron/common/errors';
import { dominantModel, ensureEmbeddingTable } from './embedding-table';
import { WorkspaceIndex, type ScoredRid } from './workspace-index';

export interface SimilarityHit {
  id: string;
  name: string;
  type: string;
  score: number;
}

export interface SearchOptions {
  k: number;
  threshold?: number;
}

export class SimilarityService {
  private readonly indexes = new Map<string, WorkspaceIndex>();

  constructor(
    private readonly db: Database.Database,
    private readonly workspaceDir: string,
  ) {
    ensureEmbeddingTable(db);
  }

  /** The up-to-date index of a model; NOT_FOUND when the workspace has no vectors of it. */
  index(modelId: string): WorkspaceIndex {
    let idx = this.indexes.get(modelId);
    if (!idx) {
      const dim = WorkspaceIndex.dimOf(this.db, modelId);
      if (dim === null) {
        throw new WorkbenchError('NOT_FOUND', `No node of this workspace has a vector of ${modelId} yet: run the embedding first (kgw embed, or Embed in the app).`, {
          value: modelId,
        });
      }
      idx = new WorkspaceIndex(this.db, this.workspaceDir, modelId, dim);
      this.indexes.set(modelId, idx);
    }
    idx.refresh();
    return idx;
  }

  searchVector(query: Float32Array, modelId: string, opts: SearchOptions): SimilarityHit[] {
    return this.resolve(this.index(modelId).search(query, opts.k, { threshold: opts.threshold }));
  }

  /** Nodes most similar to node `id` (itself left out), with the workspace's main model unless one is named. */
  similarTo(id: string, opts: SearchOptions & { modelId?: string }): SimilarityHit[] {
    // The loaded model when this workspace has vectors of it, else whichever model it has most of.
    const modelId = opts.modelId && WorkspaceIndex.dimOf(this.db, opts.modelId) !== null ? opts.modelId : dominantModel(this.db);
    if (!modelId) throw new WorkbenchError('NOT_FOUND', 'This workspace has no vectors yet: run the embedding first (kgw embed, or Embed in the app).');
    const row = this.db.prepare('SELECT rid FROM nodes WHERE id = ?').get(id) as { rid: number } | undefined;
    if (!row) throw new WorkbenchError('NOT_FOUND', `No node with id "${id}" in this workspace`, { value: id });
    const index = this.index(modelId);
    const vector = index.vectorOf(row.rid);
    if (!vector) throw new WorkbenchError('NOT_FOUND', `Node "${id}" has no vector of ${modelId} yet: run the embedding first.`, { value: id });
    return this.resolve(index.search(vector, opts.k, { threshold: opts.threshold, exclude: row.rid }));
  }

  flush(): void {
    for (const idx of this.indexes.values()) idx.flush();
  }

  /** Row ids to node ids and names, keeping the score order. */
  private resolve(hits: ScoredRid[]): SimilarityHit[] {
    if (hits.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT rid, id, name, type FROM nodes WHERE rid IN (${hits.map(() => '?').join(',')})`)
      .all(...hits.map((h) => h.rid)) as Array<{ rid: number; id: string; name: string; type: string }>;
    const byRid = new Map(rows.map((r) => [r.rid, r]));
    const out: SimilarityHit[] = [];
    for (const h of hits) {
      const n = byRid.get(h.rid);
      // A vector whose node is gone (never happens through imports, which only add) is skipped.
      if (n) out.push({ id: n.id, name: n.name, type: n.type, score: Math.round(h.score * 1e4) / 1e4 });
    }
    return out;
  }
}
