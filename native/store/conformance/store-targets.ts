/**
 * The two stores under conformance test, behind one small interface: the GraphStore itself plus
 * the multi-hop queries each store answers its own way (SQLite: the graph engine over CSR
 * adjacency loaded from the workspace; Neo4j: Cypher on the server), reduced to comparable values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphStore } from '../graph-store';
import { SqliteStore } from '../sqlite/sqlite-store';
import type { Neo4jStore } from '../neo4j/neo4j-store';
import { connectNeo4jStore } from '../../worker/neo4j-stores';
import { GraphCache } from '../../query/graph-cache';
import { runKHop, runPath } from '../../query/run-queries';
import { KHopParamsSchema, PathParamsSchema } from '../../../electron/common/protocol/query';
import type { Neo4jConnectOptions } from '../neo4j/connection';

export type Direction = 'out' | 'in' | 'both';

export interface StoreTarget {
  readonly kind: 'sqlite' | 'neo4j';
  /** An empty store for the next dataset. */
  fresh(): Promise<GraphStore>;
  /** Node id -> hop distance of every node within `hops` of `id` (no caps). */
  kHop(id: string, hops: number, direction: Direction): Promise<Map<string, number>>;
  /** Number of edges on a shortest path, null when there is none. */
  pathLength(from: string, to: string, direction: Direction): Promise<number | null>;
  /** Leaves the target's current store empty again (and closes what `fresh` opened). */
  cleanUp(importIds: number[]): Promise<void>;
  close(): Promise<void>;
}

/** A new SQLite workspace per dataset, in a temp dir removed on close. */
export function sqliteTarget(): StoreTarget {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-conformance-'));
  let n = 0;
  let store: SqliteStore | null = null;
  const graph = async () => new GraphCache().get(store!.workspaceDir, () => store!.db);
  return {
    kind: 'sqlite',
    async fresh() {
      store = new SqliteStore(path.join(root, `ws${n++}`));
      return store;
    },
    async kHop(id, hops, direction) {
      const r = runKHop(await graph(), KHopParamsSchema.parse({ ids: [id], hops, direction, perNodeLimit: 10_000_000, maxNodes: 1_000_000 }));
      return new Map(r.nodes.map((x) => [x.id, x.hop]));
    },
    async pathLength(from, to, direction) {
      const r = runPath(await graph(), PathParamsSchema.parse({ from, to, direction }));
      return r.found ? r.hops : null;
    },
    async cleanUp() {
      await store?.close();
      store = null;
    },
    async close() {
      await store?.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * One Neo4j database for every dataset: each dataset's imports are removed afterwards
 * (`removeImport`), which the suite checks leaves the database empty.
 */
export function neo4jTarget(connect: Neo4jConnectOptions): StoreTarget {
  let store: Neo4jStore | null = null;
  // The workers' connect (neo4j-stores.ts): the store the app uses.
  const open = async () => (store ??= await connectNeo4jStore(connect));
  return {
    kind: 'neo4j',
    fresh: open,
    async kHop(id, hops, direction) {
      const r = await (await open()).kHop([id], hops, direction, { maxNodes: 1_000_000 });
      return new Map(Object.entries(r.hops));
    },
    async pathLength(from, to, direction) {
      const r = await (await open()).shortestPath(from, to, { maxHops: 15, direction });
      return r ? r.edges.length : null;
    },
    async cleanUp(importIds) {
      const s = await open();
      for (const id of importIds) await s.removeImport(id);
    },
    async close() {
      await store?.close();
      store = null;
    },
  };
}
