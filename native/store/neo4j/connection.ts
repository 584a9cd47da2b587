/**
 * One Bolt connection pool to a Neo4j server: creation, a version check, the schema the store
 * needs, and the mapping of driver errors to WorkbenchError codes
 * (NEO4J_UNAVAILABLE / NEO4J_AUTH / NEO4J_VERSION / STORE_ERROR).
 * Credentials are handed to the driver and never put in a message, a log line or an error detail.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { WorkbenchError } from '../../../electron/common/errors';

export interface Neo4jConnectOptions {
  uri: string;
  user: string;
  password: string;
  /** Defaults to the server's default database. */
  database?: string;
  /** How long to wait for a first connection (default 5 s). */
  connectTimeoutMs?: number;
  /** How long the driver retries a transaction on transient errors / lost connections (default 5 s). */
  retryTimeMs?: number;
}

/** Names of the schema objects the store creates (IF NOT EXISTS: idempotent). */
/** KGW_NEO4J_TRACE=1 prints each query's purpose and time (never its parameters) to stderr. */
const trace = process.env.KGW_NEO4J_TRACE === '1';

export const FULLTEXT_INDEX = 'kgw_node_name';
const SCHEMA = [
  'CREATE CONSTRAINT kgw_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX kgw_node_touched IF NOT EXISTS FOR (n:Node) ON (n._touched)',
  'CREATE INDEX kgw_node_import IF NOT EXISTS FOR (n:Node) ON (n._import)',
  'CREATE INDEX kgw_edge_stage IF NOT EXISTS FOR (s:KgwEdgeStage) ON (s._import)',
  'CREATE INDEX kgw_node_stage IF NOT EXISTS FOR (s:KgwStaged) ON (s._import)',
  'CREATE INDEX kgw_touch IF NOT EXISTS FOR (t:KgwTouch) ON (t._import)',
  'CREATE CONSTRAINT kgw_import_id IF NOT EXISTS FOR (i:KgwImport) REQUIRE i.id IS UNIQUE',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Node) ON EACH [n.name, n.id]`,
];

/** Maps anything the driver throws to a WorkbenchError; `doing` says what we were doing. */
export function mapNeo4jError(err: unknown, doing: string): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const e = err as { code?: string; message?: string; gqlStatus?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit' || code.startsWith('Neo.ClientError.Security.CredentialsExpired')) {
    return new WorkbenchError('NEO4J_AUTH', `Neo4j refused the credentials while ${doing}: check the user name and password`, { expected: 'valid Neo4j credentials' });
  }
  if (code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED || /ECONNREFUSED|ECONNRESET|EPIPE|connection.*(closed|lost|refused)/i.test(msg)) {
    return new WorkbenchError('NEO4J_UNAVAILABLE', `Neo4j is not reachable while ${doing}: ${firstLine(msg)}`, { expected: 'a running Neo4j 5+ server' });
  }
  return new WorkbenchError('STORE_ERROR', `Neo4j failed while ${doing}: ${firstLine(msg)}`, { value: code || undefined });
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 500);
}

/**
 * JS numbers reach Cypher as floats; LIMIT/SKIP and list slices need integers (non-negative here).
 */
export function cypherInt(n: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(Math.max(0, Math.trunc(Number.isFinite(n) ? n : 0)));
}

/** Neo4j 5.x and the calendar versions after it (2025.01, ...) are supported; 4.x and older not. */
export function assertSupportedVersion(version: string): void {
  const major = Number.parseInt(version, 10);
  if (!(major >= 5)) {
    throw new WorkbenchError('NEO4J_VERSION', `Neo4j ${version} is not supported: the workbench needs Neo4j 5 or newer`, { value: version, expected: '>= 5' });
  }
}

export class Neo4jConnection {
  private constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    readonly serverVersion: string,
  ) {}

  /** Connects, checks credentials and that the server is Neo4j 5 or newer. */
  static async open(opts: Neo4jConnectOptions): Promise<Neo4jConnection> {
    let driver: Driver;
    try {
      driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
        disableLosslessIntegers: true,
        connectionTimeout: opts.connectTimeoutMs ?? 5000,
        connectionAcquisitionTimeout: 60_000,
        maxTransactionRetryTime: opts.retryTimeMs ?? 5000,
        // `id()` is deprecated in 5.x but is the only numeric row id; silence that notification.
        notificationFilter: { minimumSeverityLevel: 'OFF' },
      });
    } catch (err) {
      throw new WorkbenchError('BAD_REQUEST', `Invalid Neo4j address: ${(err as Error).message}`, { value: opts.uri, expected: 'bolt://host:port or neo4j://host:port' });
    }
    try {
      await driver.getServerInfo({ database: opts.database });
      const res = await driver.executeQuery('CALL dbms.components() YIELD name, versions RETURN name, versions', {}, { database: opts.database });
      const kernel = res.records.find((r) => r.get('name') === 'Neo4j Kernel') ?? res.records[0];
      const version = String((kernel?.get('versions') as string[] | undefined)?.[0] ?? '0');
      assertSupportedVersion(version);
      return new Neo4jConnection(driver, opts.database, version);
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw mapNeo4jError(err, 'connecting');
    }
  }

  /** Runs one auto-committed query (the only kind that may hold `CALL {} IN TRANSACTIONS`). */
  async run<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown>, doing: string): Promise<QueryResult<R>> {
    const session = this.driver.session({ database: this.database });
    const t0 = trace ? performance.now() : 0;
    try {
      return (await session.run<R>(cypher, params)) as QueryResult<R>;
    } catch (err) {
      throw mapNeo4jError(err, doing);
    } finally {
      if (trace) console.error(`[neo4j] ${doing}: ${(performance.now() - t0).toFixed(1)} ms`);
      await session.close().catch(() => undefined);
    }
  }

  /** Runs a write in one explicit transaction (retried by the driver on transient errors). */
  async write<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown>, doing: string): Promise<QueryResult<R>> {
    const session = this.driver.session({ database: this.database });
    const t0 = trace ? performance.now() : 0;
    try {
      return await session.executeWrite((tx) => tx.run<R>(cypher, params));
    } catch (err) {
      throw mapNeo4jError(err, doing);
    } finally {
      if (trace) console.error(`[neo4j] ${doing}: ${(performance.now() - t0).toFixed(1)} ms`);
      await session.close().catch(() => undefined);
    }
  }

  /**
   * Runs several queries in ONE explicit write transaction (one commit instead of one per query;
   * queries issued without awaiting in between are pipelined by the driver). `work` may be re-run
   * by the driver on a transient error, so it must not change caller state; return what it found.
   */
  async writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, doing: string): Promise<T> {
    const session = this.driver.session({ database: this.database });
    const t0 = trace ? performance.now() : 0;
    try {
      return await session.executeWrite(work);
    } catch (err) {
      throw mapNeo4jError(err, doing);
    } finally {
      if (trace) console.error(`[neo4j] ${doing}: ${(performance.now() - t0).toFixed(1)} ms`);
      await session.close().catch(() => undefined);
    }
  }

  async read<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown>, doing: string): Promise<QueryResult<R>> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const t0 = trace ? performance.now() : 0;
    try {
      return await session.executeRead((tx) => tx.run<R>(cypher, params));
    } catch (err) {
      throw mapNeo4jError(err, doing);
    } finally {
      if (trace) console.error(`[neo4j] ${doing}: ${(performance.now() - t0).toFixed(1)} ms`);
      await session.close().catch(() => undefined);
    }
  }

  /** Creates the constraint on Node.id first, then the other indexes; waits until online. */
  async ensureSchema(): Promise<void> {
    for (const stmt of SCHEMA) await this.run(stmt, {}, 'creating the schema');
    await this.run('CALL db.awaitIndexes(300)', {}, 'waiting for indexes');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
