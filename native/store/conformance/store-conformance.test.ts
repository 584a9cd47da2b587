/**
 * The conformance suite on both stores: SQLite in a temp dir, Neo4j on a real 5.26 server started
 * here (startNeo4j). Then the answers of the two are compared dataset by dataset. Without Java the
 * Neo4j half skips with the reason in its name — never in CI (neo4jSkipReason returns null there).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { agreementSuite, conformanceSuite, type Observations } from './conformance-suite';
import { neo4jTarget, sqliteTarget, type StoreTarget } from './store-targets';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from '../neo4j/test-server';

const observations: Observations = new Map();
const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

const sqlite = sqliteTarget();
afterAll(() => sqlite.close());
conformanceSuite('SQLite', () => sqlite, observations);

describe.skipIf(skipReason !== null)(skipReason ?? 'on a real Neo4j server', () => {
  let server: Neo4jTestServer;
  let neo4j: StoreTarget;
  beforeAll(async () => {
    server = await startNeo4j();
    neo4j = neo4jTarget({ uri: server.uri, user: server.user, password: server.password });
  });
  afterAll(async () => {
    await neo4j?.close();
    await server?.stop();
  });
  conformanceSuite('Neo4j', () => neo4j, observations);
  agreementSuite(observations, ['sqlite', 'neo4j']);
});
