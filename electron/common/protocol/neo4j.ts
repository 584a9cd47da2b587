/** Neo4j connection settings and store switching (issue "Neo4j"). */
export const neo4jMethods = {} satisfies Record<string, unknown>;
