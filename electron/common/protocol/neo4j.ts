/**
 * Neo4j connection settings and store switching (issue "Neo4j"). The password travels only from
 * the renderer to the host (typed in the settings dialog) and from the host to its workers (in
 * the call context); no result ever carries it back: settings come back as `hasPassword`.
 */
import { z } from 'zod';
import { method, EmptySchema, OkSchema } from './define';
import { WorkspaceInfoSchema } from './workspace';

/** What workers get in their call context when the workspace is stored in Neo4j. */
export const Neo4jContextSchema = z.object({
  uri: z.string(),
  user: z.string(),
  password: z.string(),
  database: z.string().optional(),
});
export type Neo4jContext = z.infer<typeof Neo4jContextSchema>;

const Uri = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must look like bolt://host:7687 or neo4j+s://host');

/** Settings as the user enters them; an omitted password keeps the saved (or environment) one. */
export const Neo4jSettingsInputSchema = z.object({
  uri: Uri,
  user: z.string().trim().min(1, 'is required').max(200),
  password: z.string().max(1000).optional(),
  database: z.string().trim().max(200).optional(),
});
export type Neo4jSettingsInput = z.infer<typeof Neo4jSettingsInputSchema>;

/** Settings as the renderer may see them: never the password. */
export const Neo4jSettingsViewSchema = z.object({
  uri: z.string(),
  user: z.string(),
  database: z.string().optional(),
  hasPassword: z.boolean(),
  /** Where they came from: saved by the user, the NEO4J_* environment variables, or nothing yet. */
  source: z.enum(['saved', 'env', 'none']),
  /** Whether the password survives a restart (desktop safeStorage) or lasts this session only. */
  passwordPersisted: z.boolean(),
});
export type Neo4jSettingsView = z.infer<typeof Neo4jSettingsViewSchema>;

export const Neo4jTestResultSchema = z.object({ ok: z.literal(true), serverVersion: z.string(), ms: z.number() });
export type Neo4jTestResult = z.infer<typeof Neo4jTestResultSchema>;

export const neo4jMethods = {
  /** The current settings without the password. */
  'neo4j.settings': method({ route: 'host', params: EmptySchema, result: Neo4jSettingsViewSchema }),
  /** Saves the settings (the password with the OS keychain on desktop). */
  'neo4j.saveSettings': method({ route: 'host', params: Neo4jSettingsInputSchema, result: Neo4jSettingsViewSchema }),
  /**
   * Connects once and checks the server: fails with NEO4J_UNAVAILABLE (not reachable),
   * NEO4J_AUTH (bad credentials) or NEO4J_VERSION (older than 5). Without params, the saved ones.
   */
  'neo4j.test': method({ route: 'host', params: Neo4jSettingsInputSchema.partial(), result: Neo4jTestResultSchema }),
  /** Makes the open workspace use Neo4j (saving the settings given first), after a connection test. */
  'neo4j.connect': method({ route: 'host', params: Neo4jSettingsInputSchema.partial(), result: WorkspaceInfoSchema }),
  /** Makes the open workspace use its own SQLite file again (the Neo4j data stays on the server). */
  'neo4j.disconnect': method({ route: 'host', params: EmptySchema, result: WorkspaceInfoSchema }),
  /** Forgets the saved settings and password. */
  'neo4j.forget': method({ route: 'host', params: EmptySchema, result: OkSchema }),
};
