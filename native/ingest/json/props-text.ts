/**
 * Props of a graph JSON node/edge written straight to JSON text, for flat batches
 * (../flat-rows.ts): the text is exactly `propsJson` of the props object graph-json-mapper.ts
 * builds by copyProps (plus `directed: false` on edges of an undirected networkx graph), without
 * building that object and walking it again in JSON.stringify.
 *
 * Appending `"key":value` in for-in order gives the object's JSON because the record is itself a
 * JSON.parse result: its keys are distinct, array-index keys already come first in ascending order,
 * and copying them in that order into a fresh object keeps it. The one key that does not copy is
 * `__proto__` (an own key of the parsed record, a prototype assignment on the copy): records with
 * it return undefined and the caller builds the object as the record path does.
 */
import type { PropValue } from '../../../electron/common/model';
import { asLabel, type RecordRoles } from '../xml/record-roles';

type Json = Record<string, unknown>;

const KEY_CACHE_LIMIT = 4096;

export class PropsText {
  /** `"key":` by key: the same few keys repeat on every record of a file. */
  private readonly keys = new Map<string, string>();

  private key(k: string): string {
    let t = this.keys.get(k);
    if (t === undefined) {
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
      t = JSON.stringify(k) + ':';
      this.keys.set(k, t);
    }
    return t;
  }

  /**
   * The props JSON of `obj` without the keys in `skip`/`skip2` and without the name/type role keys
   * when they hold labels (null for none); `undirected` adds `"directed":false` unless the record
   * has its own `directed`. Undefined: the record has a `__proto__` key, build the object instead.
   */
  json(obj: Json, skip: Set<string>, roles: RecordRoles, skip2: Set<string> | undefined, undirected: boolean): string | null | undefined {
    let out = '';
    let directed = false;
    for (const k in obj) {
      if (skip.has(k) || (skip2 !== undefined && skip2.has(k))) continue;
      const v = obj[k];
      if (v === undefined) continue;
      if ((k === roles.name || k === roles.type) && asLabel(v as PropValue) !== undefined) continue;
      if (k === '__proto__') return undefined;
      if (k === 'directed') directed = true;
      out += (out === '' ? '{' : ',') + this.key(k) + JSON.stringify(v);
    }
    if (undirected && !directed) out += out === '' ? '{"directed":false' : ',"directed":false';
    return out === '' ? null : out + '}';
  }
}
