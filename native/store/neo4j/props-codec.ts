/**
 * Maps the workbench's property values onto what Neo4j can store and back.
 * Neo4j properties hold primitives or homogeneous lists of primitives — no maps, no nulls, no
 * mixed lists. So: nulls are dropped; whole-number JS numbers become Cypher Integers (so users
 * querying the database see ints); nested objects and mixed lists are JSON-encoded and their keys
 * listed in `_json`, which the decoder uses to parse them back. User keys that collide with the
 * store's own bookkeeping keys are stored under a `user.` prefix and restored on read.
 */
import neo4j from 'neo4j-driver';
import type { PropValue, Props } from '../../../electron/common/model';
import { propertyKey } from './cypher-names';

/** Keys the store writes on nodes and relationships; never exposed as user props. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'id', 'name', '_id', '_type', '_labels', '_text', '_import', '_touched', '_file', '_line', '_json', '_placeholder',
  // A vector that came with the data (AutoSchemaKG `embedding`), LIST<FLOAT>; the embed job uses it.
  '_vec',
  // Staging-only keys (edge stage endpoints, staged node updates), copied then removed on commit.
  '_s', '_t', '_sid', '_sname', '_stype', '_stext', '_slabels', '_sjson', '_skey',
]);
const USER_PREFIX = 'user.';

type Storable = string | number | boolean | ReturnType<typeof neo4j.int> | Array<string | number | boolean | ReturnType<typeof neo4j.int>>;

function storableList(v: PropValue[]): Storable | undefined {
  if (v.length === 0) return [];
  if (v.every((x) => typeof x === 'string')) return v as string[];
  if (v.every((x) => typeof x === 'boolean')) return v as boolean[];
  if (v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    const nums = v as number[];
    // Lists must be homogeneous: all ints, or all floats.
    return nums.every((x) => Number.isSafeInteger(x)) ? nums.map((x) => neo4j.int(x)) : nums;
  }
  return undefined;
}

/** The key a user property is stored under: the store's own keys (and `user.` ones) get the `user.` prefix. */
export function storedPropertyKey(rawKey: string): string {
  return RESERVED_KEYS.has(rawKey) || rawKey.startsWith(USER_PREFIX) ? USER_PREFIX + rawKey : propertyKey(rawKey);
}

/** Encodes user props into a Neo4j-storable map; the list of JSON-encoded keys goes in `_json`. */
export function encodeProps(props: Props | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const json: string[] = [];
  if (!props) return out;
  for (const [rawKey, v] of Object.entries(props)) {
    if (v === null || v === undefined) continue;
    const key = storedPropertyKey(rawKey);
    if (typeof v === 'string' || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) out[key] = neo4j.int(v);
      else if (Number.isFinite(v)) out[key] = v;
      else {
        out[key] = JSON.stringify(String(v)); // NaN/Infinity: kept as text, JSON-marked
        json.push(key);
      }
    } else {
      const list = Array.isArray(v) ? storableList(v) : undefined;
      if (list !== undefined) out[key] = list;
      else {
        out[key] = JSON.stringify(v);
        json.push(key);
      }
    }
  }
  if (json.length > 0) out._json = json;
  return out;
}

/** Decodes the user props of a stored node/relationship (driver configured with plain JS numbers). */
export function decodeProps(stored: Record<string, unknown>): Props {
  const json = new Set(Array.isArray(stored._json) ? (stored._json as string[]) : []);
  const out: Props = {};
  for (const [key, v] of Object.entries(stored)) {
    if (RESERVED_KEYS.has(key)) continue;
    const userKey = key.startsWith(USER_PREFIX) ? key.slice(USER_PREFIX.length) : key;
    if (json.has(key) && typeof v === 'string') {
      try {
        out[userKey] = JSON.parse(v) as PropValue;
        continue;
      } catch {
        // Not JSON after all (edited by hand in Neo4j): fall through to the raw value.
      }
    }
    out[userKey] = toPropValue(v);
  }
  return out;
}

function toPropValue(v: unknown): PropValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toPropValue);
  if (neo4j.isInt(v)) return (v as ReturnType<typeof neo4j.int>).toNumber();
  // Temporal/spatial values written by other tools: their string form is what a user reads.
  return String(v);
}
