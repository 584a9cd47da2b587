/**
 * Reads the similarity and retrieval features need from a Neo4j workspace (plain Cypher,
 * parameters only, committed data only — visibility.ts):
 *  - nodesAfter: every node in id order, a page at a time, for the local embedding job (the
 *    unique constraint on :Node(id) makes `id > $after ORDER BY id` an index range scan), with
 *    the vector that came with the data (`_vec`);
 *  - nodeKinds: id, name, type and whether the node is a passage (carries text, as the SQLite
 *    side's passage mask: `text IS NOT NULL`);
 *  - linkedPassages: passages one visible relationship away from given nodes;
 *  - passageTexts: their text, shortened.
 */
import type { Node as DriverNode } from 'neo4j-driver';
import type { GraphNode } from '../../../electron/common/model';
import { cypherInt, type Neo4jConnection } from './connection';
import { toGraphNode } from './records';
import { DEFAULT_NODE_TYPE, VIS_PRELUDE, visible } from './visibility';

export interface NodeKind {
  id: string;
  name: string;
  type: string;
  passage: boolean;
}

/** A node to embed, with the vector that came with the data when there is one. */
export type NodeToEmbed = GraphNode & { vector?: number[] };

/** Up to `limit` visible nodes with ids after `afterId` (null: from the start), in id order. */
export async function nodesAfter(conn: Neo4jConnection, afterId: string | null, limit: number): Promise<NodeToEmbed[]> {
  const res = await conn.read<{ n: DriverNode<number> }>(
    `${VIS_PRELUDE}
     MATCH (n:Node) WHERE n.id > $after AND ${visible('n')}
     RETURN n ORDER BY n.id LIMIT $limit`,
    // '' sorts before every non-empty id; an empty id cannot be imported.
    { after: afterId ?? '', limit: cypherInt(limit) }, 'reading nodes to embed');
  return res.records.map((r) => {
    const n = r.get('n');
    const node: NodeToEmbed = toGraphNode(n);
    const vec = n.properties._vec;
    if (Array.isArray(vec)) node.vector = vec.map(Number);
    return node;
  });
}

export async function nodeKinds(conn: Neo4jConnection, ids: string[]): Promise<Map<string, NodeKind>> {
  if (ids.length === 0) return new Map();
  const res = await conn.read<NodeKind>(
    `${VIS_PRELUDE}
     UNWIND $ids AS nid MATCH (n:Node {id: nid}) WHERE ${visible('n')}
     RETURN n.id AS id, coalesce(n.name, n.id) AS name, coalesce(n._type, $defaultType) AS type, n._text IS NOT NULL AS passage`,
    { ids, defaultType: DEFAULT_NODE_TYPE }, 'reading node kinds');
  return new Map(res.records.map((r) => [r.get('id'), { id: r.get('id'), name: String(r.get('name')), type: String(r.get('type')), passage: r.get('passage') }]));
}

/** For each of `ids`, the passages (other than itself) linked to it, at most `perNode`, in id order. */
export async function linkedPassages(conn: Neo4jConnection, ids: string[], perNode: number): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const res = await conn.read<{ id: string; ps: string[] }>(
    `${VIS_PRELUDE}
     UNWIND $ids AS nid MATCH (n:Node {id: nid})
     CALL { WITH n, hidden
       MATCH (n)-[r]-(p:Node) WHERE p <> n AND p._text IS NOT NULL AND ${visible('r')} AND ${visible('p')}
       WITH DISTINCT p.id AS pid ORDER BY pid LIMIT $perNode
       RETURN collect(pid) AS ps }
     RETURN n.id AS id, ps`,
    { ids, perNode: cypherInt(perNode) }, 'reading linked passages');
  return new Map(res.records.map((r) => [r.get('id'), r.get('ps')]));
}

export async function passageTexts(conn: Neo4jConnection, ids: string[], maxChars: number): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const res = await conn.read<{ id: string; text: string }>(
    `UNWIND $ids AS pid MATCH (p:Node {id: pid}) RETURN p.id AS id, left(coalesce(p._text, ''), $max) AS text`,
    { ids, max: cypherInt(maxChars) }, 'reading passage texts');
  return new Map(res.records.map((r) => [r.get('id'), r.get('text')]));
}
