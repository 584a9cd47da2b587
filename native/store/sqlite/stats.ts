/**
 * The workspace's stats (counts, node and edge types), kept in `meta` under 'stats' until the next
 * import changes the graph. Readers compute them on first ask; a bulk import writes them itself,
 * because it already counted its edges by type as they streamed in: the GROUP BY over every edge
 * would otherwise come at the first view after the import (CSV 1M + 1M: ~0.35-0.4 s of ~0.45 s).
 */
import type Database from 'better-sqlite3';
import type { GraphStats } from '../../../electron/common/model';

/** The stats view lists this many edge types at most. */
export const MAX_EDGE_TYPES = 1000;

const STATS_KEY = 'stats';

/** Most frequent first; equal counts by type, so that SQL and JS give the same order. */
function byCount(a: { type: string; count: number }, b: { type: string; count: number }): number {
  return b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);
}

export function readCachedStats(db: Database.Database): GraphStats | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(STATS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as GraphStats) : undefined;
}

export function writeCachedStats(db: Database.Database, stats: GraphStats): void {
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(STATS_KEY, JSON.stringify(stats));
}

export function clearCachedStats(db: Database.Database): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(STATS_KEY);
}

/** Everything from the tables. */
export function computeStats(db: Database.Database): GraphStats {
  const rows = db.prepare('SELECT type, count(*) FROM edges GROUP BY type').raw().all() as Array<[string, number]>;
  return statsWithEdgeTypes(db, new Map(rows));
}

/**
 * Stats with the edges counted by type (every edge of the graph, by the caller or the GROUP BY
 * above; their sum is the edge count): nodes and their types still come from the tables (merged
 * duplicates may change a node's type; nodes_type makes the GROUP BY cheap).
 */
export function statsWithEdgeTypes(db: Database.Database, edgeTypeCounts: ReadonlyMap<string, number>): GraphStats {
  const nodes = (db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c;
  const nodeTypes = (db.prepare('SELECT type, count(*) AS count FROM nodes GROUP BY type').all() as GraphStats['nodeTypes']).sort(byCount);
  let edges = 0;
  const edgeTypes: GraphStats['edgeTypes'] = [];
  for (const [type, count] of edgeTypeCounts) {
    edges += count;
    edgeTypes.push({ type, count });
  }
  return { nodes, edges, nodeTypes, edgeTypes: edgeTypes.sort(byCount).slice(0, MAX_EDGE_TYPES) };
}
