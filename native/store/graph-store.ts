/**
 * The interface both stores (SQLite, Neo4j) implement and the conformance suite tests.
 */
import type { GraphNode, GraphStats, Subgraph } from '../../electron/common/model';
import type { ParseBatch } from '../ingest/format';

export interface ImportCounts {
  nodesAdded: number;
  nodesMerged: number;
  edgesAdded: number;
  edgesSkipped: number;
  placeholders: number;
  /** Edge endpoint ids that did not resolve (first few), for the warning's example. */
  missingExamples: Array<{ file: string; line?: number; value: string }>;
}

export interface ImportWriter {
  readonly importId: number;
  /** Writes one parsed batch of one file. */
  write(batch: ParseBatch, file: string): Promise<void> | void;
  /** Resolves staged edges, builds indexes and commits. Nothing is visible before this returns. */
  commit(opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void }): Promise<ImportCounts>;
  /** Leaves the store exactly as it was before `beginImport`. */
  rollback(): Promise<void> | void;
}

export interface NeighborPage extends Subgraph {
  total: number;
}

export interface GraphStore {
  readonly kind: 'sqlite' | 'neo4j';
  beginImport(meta: { files: string[] }): Promise<ImportWriter>;
  stats(): Promise<GraphStats>;
  overview(limit: number): Promise<Subgraph>;
  node(id: string): Promise<{ node: GraphNode; passages: Array<{ id: string; text: string }> } | null>;
  neighbors(id: string, opts: { limit: number; offset: number; direction: 'out' | 'in' | 'both' }): Promise<NeighborPage>;
  searchName(q: string, limit: number): Promise<Array<{ id: string; name: string; type: string; degree: number }>>;
  close(): Promise<void>;
}
