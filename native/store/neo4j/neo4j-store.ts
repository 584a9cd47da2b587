/**
 * GraphStore on a Neo4j 5+ server. Reads filter out data of imports not yet committed
 * (visibility.ts); writes go through Neo4jImportWriter. Multi-hop queries (k-hop, shortest path,
 * personalised PageRank) run server side in plain Cypher (no GDS/APOC needed): multihop.ts.
 */
import type { Node as DriverNode, Relationship } from 'neo4j-driver';
import type { GraphEdge, GraphNode, GraphStats, Subgraph } from '../../../electron/common/model';
import type { GraphStore, ImportWriter, NeighborPage } from '../graph-store';
import { cypherInt, FULLTEXT_INDEX, Neo4jConnection, type Neo4jConnectOptions } from './connection';
import { deleteImport, Neo4jImportWriter } from './neo4j-import';
import { kHop, personalizedPageRank, shortestPath, type KHopResult, type PprHit } from './multihop';
import { toGraphEdge, toGraphNode } from './records';
import { VIS_PRELUDE, visible } from './visibility';

export type Direction = 'out' | 'in' | 'both';

/** The relationship pattern from `n` to `m` via `r` in the given direction. */
export function relPattern(direction: Direction, rel = 'r'): string {
  if (direction === 'out') return `(n)-[${rel}]->(m)`;
  if (direction === 'in') return `(n)<-[${rel}]-(m)`;
  return `(n)-[${rel}]-(m)`;
}

/** Lucene query for a user's search text: every term must match, the last one as a prefix. */
export function luceneQuery(q: string): string | null {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean).map((t) => t.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&'));
  if (terms.length === 0) return null;
  return terms.map((t, i) => (i === terms.length - 1 ? `(${t} OR ${t}*)` : t)).join(' AND ');
}

type EdgeRow = { r: Relationship<number>; s: string; t: string };

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private schemaReady = false;

  private constructor(
    readonly conn: Neo4jConnection,
    private readonly memoryStageLimit?: number,
  ) {}

  /**
   * Connects and checks the server. Throws NEO4J_UNAVAILABLE (not reachable), NEO4J_AUTH (bad
   * credentials) or NEO4J_VERSION (older than 5).
   */
  static async connect(opts: Neo4jConnectOptions & { memoryStageLimit?: number }): Promise<Neo4jStore> {
    return new Neo4jStore(await Neo4jConnection.open(opts), opts.memoryStageLimit);
  }

  get serverVersion(): string {
    return this.conn.serverVersion;
  }

  async beginImport(meta: { files: string[] }): Promise<ImportWriter> {
    if (!this.schemaReady) {
      // The uniqueness constraint on Node.id comes first: MERGE on id relies on its index.
      await this.conn.ensureSchema();
      this.schemaReady = true;
    }
    return Neo4jImportWriter.begin(this.conn, meta.files, this.memoryStageLimit);
  }

  async stats(): Promise<GraphStats> {
    const nodes = await this.conn.read<{ t: string; c: number }>(
      `${VIS_PRELUDE} MATCH (n:Node) WHERE ${visible('n')} RETURN coalesce(n._type, 'node') AS t, count(*) AS c ORDER BY c DESC, t`,
      {}, 'counting nodes');
    const edges = await this.conn.read<{ t: string; c: number }>(
      `${VIS_PRELUDE} MATCH (:Node)-[r]->(:Node) WHERE ${visible('r')} RETURN coalesce(r._type, type(r)) AS t, count(*) AS c ORDER BY c DESC, t`,
      {}, 'counting edges');
    const nodeTypes = nodes.records.map((r) => ({ type: r.get('t'), count: r.get('c') }));
    const edgeTypes = edges.records.map((r) => ({ type: r.get('t'), count: r.get('c') }));
    return {
      nodes: nodeTypes.reduce((s, t) => s + t.count, 0),
      edges: edgeTypes.reduce((s, t) => s + t.count, 0),
      nodeTypes,
      edgeTypes,
    };
  }

  /** The `limit` highest-degree nodes and the edges among them (edges capped at 20 x limit). A list named `all` would parse as the all() predicate. */
  async overview(limit: number): Promise<Subgraph> {
    const top = await this.conn.read<{ n: DriverNode<number>; deg: number; total: number }>(
      `${VIS_PRELUDE}
       MATCH (n:Node) WHERE ${visible('n')}
       WITH n, COUNT { (n)--() } AS deg ORDER BY deg DESC, n.id
       WITH collect({n: n, deg: deg}) AS ranked
       UNWIND ranked[0..$limit] AS row
       RETURN row.n AS n, row.deg AS deg, size(ranked) AS total`,
      { limit: cypherInt(limit) }, 'reading the overview');
    const nodes = top.records.map((r) => toGraphNode(r.get('n'), r.get('deg')));
    const total = top.records[0]?.get('total') ?? 0;
    const edgeCap = Math.max(1, limit * 20);
    const edges = await this.edgesAmong(nodes.map((n) => n.id), edgeCap + 1);
    const sub: Subgraph = { nodes, edges: edges.slice(0, edgeCap) };
    if (total > nodes.length) sub.truncated = { omitted: total - nodes.length, reason: `overview shows the ${nodes.length} highest-degree nodes` };
    else if (edges.length > edgeCap) sub.truncated = { omitted: edges.length - edgeCap, reason: `edge cap ${edgeCap}` };
    return sub;
  }

  /** Visible edges whose both endpoints are in `ids`. */
  async edgesAmong(ids: string[], limit: number): Promise<GraphEdge[]> {
    if (ids.length === 0) return [];
    const res = await this.conn.read<EdgeRow>(
      `${VIS_PRELUDE}
       WITH hidden, $ids AS ids
       MATCH (a:Node)-[r]->(b:Node) WHERE a.id IN ids AND b.id IN ids AND ${visible('r')}
       RETURN r, a.id AS s, b.id AS t ORDER BY elementId(r) LIMIT $limit`,
      { ids, limit: cypherInt(limit) }, 'reading edges');
    return res.records.map((r) => toGraphEdge(r.get('r'), r.get('s'), r.get('t')));
  }

  /** A node and its source passages: linked nodes that carry text, as the SQLite store and retrieval define them. */
  async node(id: string): Promise<{ node: GraphNode; passages: Array<{ id: string; text: string }> } | null> {
    const res = await this.conn.read<{ n: DriverNode<number>; deg: number; passages: Array<{ id: string; text: string }> }>(
      `${VIS_PRELUDE}
       MATCH (n:Node {id: $id}) WHERE ${visible('n')}
       CALL { WITH n, hidden
         OPTIONAL MATCH (n)-[r]-(p:Node) WHERE p._text IS NOT NULL AND p <> n AND ${visible('r')} AND ${visible('p')}
         WITH DISTINCT p ORDER BY p.id LIMIT 20
         RETURN collect({id: p.id, text: p._text}) AS passages }
       RETURN n, COUNT { (n)--() } AS deg, passages`,
      { id }, 'reading a node');
    const rec = res.records[0];
    if (!rec) return null;
    return { node: toGraphNode(rec.get('n'), rec.get('deg')), passages: rec.get('passages') };
  }

  async neighbors(id: string, opts: { limit: number; offset: number; direction: Direction }): Promise<NeighborPage> {
    const pattern = relPattern(opts.direction);
    const res = await this.conn.read<{ n: DriverNode<number>; deg: number; total: number; page: Array<{ r: Relationship<number>; m: DriverNode<number>; deg: number; s: string; t: string }> }>(
      `${VIS_PRELUDE}
       MATCH (n:Node {id: $id}) WHERE ${visible('n')}
       CALL { WITH n, hidden MATCH ${pattern} WHERE ${visible('r')} AND ${visible('m')} RETURN count(DISTINCT r) AS total }
       CALL { WITH n, hidden
         MATCH ${pattern} WHERE ${visible('r')} AND ${visible('m')}
         WITH DISTINCT r, m ORDER BY m.id, elementId(r) SKIP $offset LIMIT $limit
         RETURN collect({r: r, m: m, deg: COUNT { (m)--() }, s: startNode(r).id, t: endNode(r).id}) AS page }
       RETURN n, COUNT { (n)--() } AS deg, total, page`,
      { id, offset: cypherInt(opts.offset), limit: cypherInt(opts.limit) }, 'reading neighbours');
    const rec = res.records[0];
    if (!rec) return { nodes: [], edges: [], total: 0 };
    const center = toGraphNode(rec.get('n'), rec.get('deg'));
    const nodes = new Map<string, GraphNode>([[center.id, center]]);
    const edges: GraphEdge[] = [];
    for (const row of rec.get('page')) {
      const m = toGraphNode(row.m, row.deg);
      if (!nodes.has(m.id)) nodes.set(m.id, m);
      edges.push(toGraphEdge(row.r, row.s, row.t));
    }
    return { nodes: [...nodes.values()], edges, total: rec.get('total') };
  }

  async searchName(q: string, limit: number): Promise<Array<{ id: string; name: string; type: string; degree: number }>> {
    const lucene = luceneQuery(q);
    if (!lucene || limit <= 0) return [];
    const exists = await this.conn.read<{ c: number }>('SHOW FULLTEXT INDEXES YIELD name WHERE name = $name RETURN count(*) AS c', { name: FULLTEXT_INDEX }, 'searching names');
    if (exists.records[0]?.get('c') === 0) return []; // nothing was ever imported into this database
    const res = await this.conn.read<{ id: string; name: string; type: string; degree: number }>(
      `${VIS_PRELUDE}
       CALL db.index.fulltext.queryNodes($index, $q, {limit: $fetch}) YIELD node, score
       WHERE ${visible('node')}
       RETURN node.id AS id, coalesce(node.name, node.id) AS name, coalesce(node._type, 'node') AS type,
              COUNT { (node)--() } AS degree
       ORDER BY score DESC, degree DESC, id LIMIT $limit`,
      { index: FULLTEXT_INDEX, q: lucene, fetch: cypherInt(limit * 4), limit: cypherInt(limit) }, 'searching names');
    return res.records.map((r) => ({ id: r.get('id'), name: r.get('name'), type: r.get('type'), degree: r.get('degree') }));
  }

  kHop(ids: string[], hops: number, direction: Direction = 'both', opts: { maxNodes?: number } = {}): Promise<KHopResult> {
    return kHop(this, ids, hops, direction, opts.maxNodes ?? 2000);
  }

  shortestPath(a: string, b: string, opts: { maxHops?: number; direction?: Direction } = {}): Promise<Subgraph | null> {
    return shortestPath(this.conn, a, b, opts.maxHops ?? 8, opts.direction ?? 'both');
  }

  ppr(seeds: Array<string | { id: string; weight: number }>, k: number, opts: { alpha?: number; iterations?: number } = {}): Promise<PprHit[]> {
    return personalizedPageRank(this.conn, seeds, k, opts);
  }

  /** Imports left pending by a crash (writer never committed or rolled back). */
  async abandonedImports(): Promise<number[]> {
    const res = await this.conn.read<{ id: number }>("MATCH (i:KgwImport {state: 'pending'}) RETURN i.id AS id ORDER BY id", {}, 'listing imports');
    return res.records.map((r) => r.get('id'));
  }

  /** Rolls back a pending import by id (e.g. after the server went away mid-import). */
  rollbackImport(importId: number): Promise<void> {
    return deleteImport(this.conn, importId, false);
  }

  /**
   * Removes an import whole, committed or not: the nodes it created (with their relationships)
   * and the relationships it added between older nodes. It is hidden from readers first, so the
   * removal looks atomic. Updates it made to older nodes' props stay.
   */
  removeImport(importId: number): Promise<void> {
    return deleteImport(this.conn, importId, true);
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
