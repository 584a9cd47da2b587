/**
 * Read queries of the SQLite store: stats, start view, node details, paged neighbours, name search.
 */
import type Database from 'better-sqlite3';
import type { GraphEdge, GraphNode, GraphStats, Subgraph } from '../../../electron/common/model';
import type { NeighborPage } from '../graph-store';
import { ftsQuery } from './fts';
import { computeStats, readCachedStats, writeCachedStats } from './stats';

interface NodeRow {
  rid: number; id: string; name: string; type: string; labels: string | null; props: string | null;
  text: string | null; degree: number; file: string | null; line: number | null; import_id: number | null;
}
interface EdgeRow {
  rid: number; eid: string | null; src_id: string; dst_id: string; type: string; props: string | null;
  file: string | null; line: number | null; import_id: number | null;
}

const NODE_COLS = `n.rid, n.id, n.name, n.type, n.labels, n.props, n.text, coalesce(g.degree, 0) AS degree, f.name AS file, n.line, f.import_id`;
/** Nodes with their file and degree (schema.ts: a node without edges has no `degrees` row). */
const NODE_FROM = `nodes n LEFT JOIN degrees g ON g.rid = n.rid LEFT JOIN files f ON f.id = n.file_id`;
const EDGE_COLS = `e.rid, e.eid, s.id AS src_id, d.id AS dst_id, e.type, e.props, f.name AS file, e.line, f.import_id`;
const EDGE_FROM = `edges e JOIN nodes s ON s.rid = e.src JOIN nodes d ON d.rid = e.dst LEFT JOIN files f ON f.id = e.file_id`;
/** Passage text can be long; the canvas needs only a preview, the details panel asks for the node. */
const TEXT_PREVIEW = 280;

export function toNode(r: NodeRow, fullText = false): GraphNode {
  return {
    rid: r.rid,
    id: r.id,
    name: r.name || r.id,
    type: r.type,
    labels: r.labels ? (JSON.parse(r.labels) as string[]) : [],
    props: r.props ? JSON.parse(r.props) : {},
    text: r.text === null ? undefined : fullText ? r.text : r.text.slice(0, TEXT_PREVIEW),
    degree: r.degree,
    provenance: r.file ? { importId: r.import_id ?? undefined, file: r.file, line: r.line ?? undefined } : undefined,
  };
}

export function toEdge(r: EdgeRow): GraphEdge {
  return {
    rid: r.rid,
    id: r.eid ?? `e${r.rid}`,
    source: r.src_id,
    target: r.dst_id,
    type: r.type,
    props: r.props ? JSON.parse(r.props) : {},
    provenance: r.file ? { importId: r.import_id ?? undefined, file: r.file, line: r.line ?? undefined } : undefined,
  };
}

export class SqliteReader {
  constructor(private readonly db: Database.Database) {}

  stats(): GraphStats {
    const cached = readCachedStats(this.db);
    if (cached) return cached;
    const stats = computeStats(this.db);
    if (!this.db.readonly) writeCachedStats(this.db, stats);
    return stats;
  }

  overview(limit: number): Subgraph {
    // Highest degree first (degrees_order), then nodes without edges in row-id order.
    const rows = this.db.prepare(`
      SELECT ${NODE_COLS} FROM degrees g JOIN nodes n ON n.rid = g.rid LEFT JOIN files f ON f.id = n.file_id
      ORDER BY g.degree DESC, g.rid LIMIT ?`).all(limit) as NodeRow[];
    if (rows.length < limit) {
      rows.push(...this.db.prepare(`
        SELECT ${NODE_COLS} FROM ${NODE_FROM} WHERE g.rid IS NULL ORDER BY n.rid LIMIT ?`).all(limit - rows.length) as NodeRow[]);
    }
    const rids = JSON.stringify(rows.map((r) => r.rid));
    const edgeCap = limit * 8;
    // `+e.dst` keeps the planner from probing every (src, dst) pair of the two lists (N² index
    // lookups: 1.8 s for 3,000 start nodes); it walks src's edges and tests dst against a
    // bloom filter instead (22 ms).
    const edges = this.db.prepare(`
      SELECT ${EDGE_COLS} FROM ${EDGE_FROM}
      WHERE e.src IN (SELECT value FROM json_each(@rids)) AND +e.dst IN (SELECT value FROM json_each(@rids))
      LIMIT @cap`).all({ rids, cap: edgeCap + 1 }) as EdgeRow[];
    const truncated = edges.length > edgeCap ? { omitted: 1, reason: `more than ${edgeCap} edges among the ${limit} start nodes` } : undefined;
    return { nodes: rows.map((r) => toNode(r)), edges: edges.slice(0, edgeCap).map(toEdge), truncated };
  }

  node(id: string): { node: GraphNode; passages: Array<{ id: string; text: string }> } | null {
    const row = this.db.prepare(`SELECT ${NODE_COLS} FROM ${NODE_FROM} WHERE n.id = ?`).get(id) as NodeRow | undefined;
    if (!row) return null;
    const passages = this.db.prepare(`
      SELECT p.id, p.text FROM edges e JOIN nodes p ON p.rid = CASE WHEN e.src = @rid THEN e.dst ELSE e.src END
      WHERE (e.src = @rid OR e.dst = @rid) AND p.text IS NOT NULL AND p.rid <> @rid
      GROUP BY p.rid LIMIT 20`).all({ rid: row.rid }) as Array<{ id: string; text: string }>;
    return { node: toNode(row, true), passages };
  }

  neighbors(id: string, opts: { limit: number; offset: number; direction: 'out' | 'in' | 'both' }): NeighborPage {
    const center = this.db.prepare(`SELECT ${NODE_COLS} FROM ${NODE_FROM} WHERE n.id = ?`).get(id) as NodeRow | undefined;
    if (!center) return { nodes: [], edges: [], total: 0 };
    const where = opts.direction === 'out' ? 'e.src = @rid' : opts.direction === 'in' ? 'e.dst = @rid' : '(e.src = @rid OR e.dst = @rid)';
    const total = (this.db.prepare(`SELECT count(*) AS c FROM edges e WHERE ${where}`).get({ rid: center.rid }) as { c: number }).c;
    const edges = this.db.prepare(`SELECT ${EDGE_COLS} FROM ${EDGE_FROM} WHERE ${where} ORDER BY e.rid LIMIT @limit OFFSET @offset`)
      .all({ rid: center.rid, limit: opts.limit, offset: opts.offset }) as EdgeRow[];
    const otherIds = new Set<string>();
    for (const e of edges) otherIds.add(e.src_id === id ? e.dst_id : e.src_id);
    otherIds.delete(id);
    const others = this.db.prepare(`SELECT ${NODE_COLS} FROM ${NODE_FROM} WHERE n.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...otherIds])) as NodeRow[];
    const shown = opts.offset + edges.length;
    return {
      nodes: [toNode(center), ...others.map((r) => toNode(r))],
      edges: edges.map(toEdge),
      total,
      truncated: shown < total ? { omitted: total - shown, reason: `showing ${shown} of ${total} edges` } : undefined,
    };
  }

  searchName(q: string, limit: number): Array<{ id: string; name: string; type: string; degree: number }> {
    const match = ftsQuery(q);
    if (!match) return [];
    // FTS finds candidates; among them, names starting with the query and well-connected nodes come first.
    const rows = this.db.prepare(`
      SELECT n.id, n.name, n.type, coalesce(g.degree, 0) AS degree FROM nodes_fts JOIN nodes n ON n.rid = nodes_fts.rowid
      LEFT JOIN degrees g ON g.rid = n.rid WHERE nodes_fts MATCH ? ORDER BY rank LIMIT 500`).all(match) as Array<{ id: string; name: string; type: string; degree: number }>;
    const lower = q.trim().toLowerCase();
    const score = (r: { name: string; degree: number }) => {
      const name = r.name.toLowerCase();
      return (name === lower ? 2e9 : name.startsWith(lower) ? 1e9 : 0) + r.degree;
    };
    return rows.sort((a, b) => score(b) - score(a)).slice(0, limit);
  }
}
