/**
 * Local similarity data of a workspace stored in Neo4j. The vectors and the HNSW index stay in the
 * workspace folder (as for SQLite workspaces), but the index labels are integers and Neo4j node
 * ids are strings, so a small SQLite side file keeps the id <-> label table:
 *
 *   <workspace>/neo4j-similarity/<server key>/similarity.sqlite
 *     nodes(rid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, type TEXT, run INTEGER)   label = rid
 *     embeddings(...)                                                          embedding-table.ts
 *   <workspace>/neo4j-similarity/<server key>/vectors/<model>/                 workspace-index.ts
 *
 * The table is named and shaped like the SQLite store's `nodes` (rid, id, name, type), so
 * SimilarityService and WorkspaceIndex work on it unchanged. Labels are only ever added (a node
 * keeps its label while it exists), names and types are refreshed on each embedding run, and `run`
 * (the last complete embedding run that saw the node) lets a complete run drop nodes deleted on the
 * server since (neo4j-embed-job.ts). The server key
 * (a hash of uri and database, no credentials) keeps two servers' vectors apart.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Neo4jContext } from '../../electron/common/protocol';
import { ensureEmbeddingTable } from './embedding-table';

export interface Neo4jSide {
  db: Database.Database;
  /** Folder of the side file; the vector index lives under it (SimilarityService's workspaceDir). */
  dir: string;
}

export function neo4jSideDir(workspaceDir: string, c: Pick<Neo4jContext, 'uri' | 'database'>): string {
  const key = createHash('sha256').update(JSON.stringify([c.uri, c.database ?? ''])).digest('hex').slice(0, 16);
  return path.join(workspaceDir, 'neo4j-similarity', key);
}

export function openNeo4jSide(workspaceDir: string, c: Pick<Neo4jContext, 'uri' | 'database'>): Neo4jSide {
  const dir = neo4jSideDir(workspaceDir, c);
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'similarity.sqlite'));
  // WAL: the vector worker reads while the embed worker writes a page.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS nodes (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 0)');
  ensureEmbeddingTable(db);
  return { db, dir };
}
