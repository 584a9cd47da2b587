/**
 * The skip/fail rules of the Neo4j test server when Java is missing: a visible skip reason
 * locally, never a skip in CI, and a recognisable JavaMissingError from startNeo4j.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JavaMissingError, neo4jSkipReason, startNeo4j } from './test-server';

const saved = { PATH: process.env.PATH, CI: process.env.CI };

afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.CI === undefined) delete process.env.CI;
  else process.env.CI = saved.CI;
});

describe('Neo4j test server without java', () => {
  it('gives a skip reason outside CI and none in CI', () => {
    process.env.PATH = '/nonexistent';
    delete process.env.CI;
    expect(neo4jSkipReason()).toMatch(/java.*not on PATH/);
    process.env.CI = 'true';
    expect(neo4jSkipReason()).toBeNull();
  });

  it('startNeo4j rejects with JavaMissingError (code NEO4J_UNAVAILABLE)', async () => {
    process.env.PATH = '/nonexistent';
    const err = await startNeo4j().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JavaMissingError);
    expect(err).toMatchObject({ code: 'NEO4J_UNAVAILABLE', message: expect.stringMatching(/java/) });
  });
});
