/**
 * Every benchmark scenario, imported statically so the bench bundle holds them all. An area adds
 * its file ./<group>.ts exporting `scenarios: Scenario[]`, then one import and one spread below.
 */
import type { Scenario } from '../scenario';
import { scenarios as embed } from './embed';
import { scenarios as vector } from './vector';
import { scenarios as importing } from './import';
import { scenarios as query } from './query';
import { scenarios as neo4j } from './neo4j';
import { scenarios as render } from './render';

export const scenarios: Scenario[] = [...importing, ...embed, ...vector, ...query, ...neo4j, ...render];
