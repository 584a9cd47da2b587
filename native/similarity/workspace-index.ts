/**
 * The similarity index of one workspace and one model, kept in step with the `embeddings` table.
 *
 *   <workspace>/vectors/<model>/vector-index.json + data files    (native/vector persistence)
 *   <workspace>/vectors/<model>/sync.json                         {modelId, dim, lastSeq}
 *
 * Loaded lazily on first use. Before answering, `refresh()` adds the rows written since the
 * highest seq the index holds (a cheap indexed max() when nothing changed), so a search during
 * an embedding run or after a second import sees the new nodes without a rebuild. The index is
 * rebuilt from the table when the files are missing, unreadable or disagree with it (another
 * model, fewer rows than before, a count mismatch). Saves are throttled: a lost save costs only
 * a re-read of the rows after the saved seq, never a wrong answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createIndex, loadIndex, promoteToHnsw, EXACT_CUTOFF } from '../vector/create-index';
import { ExactIndex } from '../vector/exact-index';
import type { SimilarityIndex } from '../vector/types';
import { writeFileAtomic } from '../vector/index-files';
import { WorkbenchError } from '../../electron/common/errors';
import { countVectors, ensureEmbeddingTable, maxSeq, readVectorsAfter, vectorOf } from './embedding-table';

const SYNC_FILE = 'sync.json';
const SAVE_INTERVAL_MS = 10_000;

interface SyncState {
  modelId: string;
  dim: number;
  lastSeq: number;
}

export interface RefreshResult {
  added: number;
  rebuilt: boolean;
  ms: number;
}

export interface ScoredRid {
  rid: number;
  score: number;
}

/** A model id as a folder name: readable, no path separators. */
export function modelFolderName(modelId: string): string {
  return modelId.replace(/[^A-Za-z0-9._@+-]/g, '_');
}

export function indexDirFor(workspaceDir: string, modelId: string): string {
  return path.join(workspaceDir, 'vectors', modelFolderName(modelId));
}

export class WorkspaceIndex {
  private index: SimilarityIndex | null = null;
  private lastSeq = 0;
  private dirty = false;
  private lastSave = 0;
  readonly dir: string;

  constructor(
    private readonly db: Database.Database,
    workspaceDir: string,
    readonly modelId: string,
    readonly dim: number,
  ) {
    ensureEmbeddingTable(db);
    this.dir = indexDirFor(workspaceDir, modelId);
  }

  /** Vector size of a model's rows in this workspace, or null when it has none. */
  static dimOf(db: Database.Database, modelId: string): number | null {
    ensureEmbeddingTable(db);
    const row = db.prepare('SELECT length(vec) AS b FROM embeddings WHERE model = ? LIMIT 1').get(modelId) as { b: number } | undefined;
    return row ? row.b / 4 : null;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  get kind(): string {
    return this.index?.kind ?? 'none';
  }

  /** Brings the index up to date with the table; loads or rebuilds it on first use. */
  refresh(): RefreshResult {
    const t0 = performance.now();
    let rebuilt = false;
    if (!this.index) rebuilt = this.open();
    const newest = maxSeq(this.db, this.modelId);
    if (newest < this.lastSeq) {
      // Rows were removed or the database was replaced: nothing on disk can be trusted.
      this.rebuild();
      rebuilt = true;
    }
    let added = 0;
    if (newest > this.lastSeq) {
      const rows = readVectorsAfter(this.db, this.modelId, this.dim, this.lastSeq);
      added = rows.rids.length;
      this.grow(added);
      if (added) this.index!.add(rows.rids, rows.vectors);
      this.lastSeq = rows.maxSeq;
      this.dirty = true;
    }
    if (this.dirty && (rebuilt || performance.now() - this.lastSave > SAVE_INTERVAL_MS)) this.save();
    return { added, rebuilt, ms: performance.now() - t0 };
  }

  /** Top k by cosine, best first, at or above `threshold`; `exclude` drops one rid (the query node). */
  search(query: Float32Array, k: number, opts: { threshold?: number; exclude?: number } = {}): ScoredRid[] {
    if (query.length !== this.dim) {
      throw new WorkbenchError('BAD_REQUEST', `The query vector has ${query.length} values but the index holds ${this.dim}-value vectors of ${this.modelId}`);
    }
    const index = this.index;
    if (!index || index.size === 0) return [];
    const want = Math.min(index.size, k + (opts.exclude !== undefined ? 1 : 0));
    const hits = index.search(query, want);
    const out: ScoredRid[] = [];
    for (let i = 0; i < hits.labels.length && out.length < k; i++) {
      if (hits.labels[i] === opts.exclude) continue;
      if (opts.threshold !== undefined && hits.scores[i] < opts.threshold) break;
      out.push({ rid: hits.labels[i], score: hits.scores[i] });
    }
    return out;
  }

  /** The stored vector of a node (from the table: exact, whatever the index kind). */
  vectorOf(rid: number): Float32Array | null {
    return vectorOf(this.db, this.modelId, rid);
  }

  /** Writes the index and then the sync state (in that order, so sync never claims more than the index holds). */
  save(): void {
    if (!this.index) return;
    fs.mkdirSync(this.dir, { recursive: true });
    this.index.save(this.dir);
    writeFileAtomic(path.join(this.dir, SYNC_FILE), JSON.stringify({ modelId: this.modelId, dim: this.dim, lastSeq: this.lastSeq } satisfies SyncState));
    this.dirty = false;
    this.lastSave = performance.now();
  }

  /** Saves pending changes (before the worker lets go of the workspace). */
  flush(): void {
    if (this.dirty) this.save();
  }

  /** Loads the saved index when it matches this model and table; else rebuilds. True when rebuilt. */
  private open(): boolean {
    const sync = this.readSync();
    if (sync && sync.modelId === this.modelId && sync.dim === this.dim) {
      try {
        const loaded = loadIndex(this.dir);
        if (loaded.dim === this.dim && loaded.modelId === this.modelId) {
          this.index = loaded;
          this.lastSeq = sync.lastSeq;
          // Rows up to lastSeq must all be there; rows after it are added by refresh().
          const upTo = (this.db.prepare('SELECT count(*) AS c FROM embeddings WHERE model = ? AND seq <= ? AND length(vec) = ?')
            .get(this.modelId, sync.lastSeq, this.dim * 4) as { c: number }).c;
          if (upTo === loaded.size) return false;
        }
      } catch {
        // Unreadable or half-deleted files: the table is the truth, rebuild from it.
      }
    }
    this.rebuild();
    return true;
  }

  private rebuild(): void {
    const expected = countVectors(this.db, this.modelId, this.dim);
    this.index = createIndex(expected, { dim: this.dim, modelId: this.modelId });
    this.lastSeq = 0;
    this.dirty = true;
  }

  /** An exact index that would outgrow the cut-off becomes HNSW (queries stay fast at any size). */
  private grow(adding: number): void {
    const index = this.index!;
    if (index instanceof ExactIndex && index.size + adding >= EXACT_CUTOFF) {
      this.index = promoteToHnsw(index, { capacity: (index.size + adding) * 2 });
    }
  }

  private readSync(): SyncState | null {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(this.dir, SYNC_FILE), 'utf8')) as SyncState;
      return typeof v.lastSeq === 'number' && typeof v.modelId === 'string' ? v : null;
    } catch {
      return null;
    }
  }
}
