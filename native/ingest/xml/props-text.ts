/**
 * Props of a GraphML node/edge written as JSON text while its `<data>` elements close, for flat
 * batches (../flat-rows.ts): the text is exactly `propsJson` of the props object the record path
 * builds (defaults first, then values in document order, `directed` last), without the object.
 *
 * Assigning to an object and stringifying it is not plain appending when a name repeats (first
 * position, last value), looks like an array index ("0" goes first) or is `__proto__` (no own
 * key). A record that meets one of these, or has more property names than the bit mask holds,
 * turns its text back into an object (JSON.parse keeps order and values of distinct plain keys)
 * and goes on by assignment, as the record path does.
 */
import type { PropValue, Props } from '../../../electron/common/model';
import { propsJson } from '../flat-rows';

/** A record's props while it is parsed: `json` (without the closing brace) or, once irregular, `obj`. */
export interface PropsState {
  json: string;
  /** Bits of the names already in `json`. */
  mask: number;
  obj?: Props;
}

interface NameText {
  /** 0: this name always takes the object path. */
  bit: number;
  /** `"name":` */
  key: string;
}

const ARRAY_INDEX_RE = /^(?:0|[1-9]\d*)$/;
/** What JSON.stringify escapes in a string (any surrogate, paired or not, takes JSON.stringify). */
const JSON_ESCAPED = /["\\\x00-\x1f\ud800-\udfff]/;

/**
 * JSON.stringify(value), with strings that need no escape quoted directly: a regex test and two
 * concatenations took 77 ms per million GraphML-like values against 136-148 ms for JSON.stringify.
 */
function jsonValue(value: PropValue): string {
  return typeof value === 'string' && !JSON_ESCAPED.test(value) ? '"' + value + '"' : JSON.stringify(value);
}
const MAX_BITS = 30;

export class PropsText {
  private readonly names = new Map<string, NameText>();
  private bits = 0;

  private nameText(name: string): NameText {
    let t = this.names.get(name);
    if (t === undefined) {
      const plain = name !== '__proto__' && !(ARRAY_INDEX_RE.test(name) && Number(name) < 4294967295);
      const bit = plain && this.bits < MAX_BITS ? 1 << this.bits++ : 0;
      t = { bit, key: JSON.stringify(name) + ':' };
      this.names.set(name, t);
    }
    return t;
  }

  /** `state[name] = value`, as the record path assigns it to its props object. */
  set(state: PropsState, name: string, value: PropValue): void {
    if (state.obj === undefined) {
      const t = this.nameText(name);
      if (t.bit !== 0 && (state.mask & t.bit) === 0) {
        state.mask |= t.bit;
        state.json += (state.json === '' ? '{' : ',') + t.key + jsonValue(value);
        return;
      }
      state.obj = state.json === '' ? {} : (JSON.parse(state.json + '}') as Props);
    }
    state.obj[name] = value;
  }

  /** A fresh state holding the given defaults (graphml-keys.ts defaultsList). */
  fromDefaults(list: Array<[string, PropValue]>): PropsState {
    const state: PropsState = { json: '', mask: 0 };
    for (let i = 0; i < list.length; i++) this.set(state, list[i][0], list[i][1]);
    return state;
  }
}

/** A copy of `start` for a new record (the object, if any, copied by assignment order). */
export function startProps(start: PropsState): PropsState {
  return start.obj === undefined ? { json: start.json, mask: start.mask } : { json: '', mask: 0, obj: { ...start.obj } };
}

/** The props JSON of a finished record, or null for none. */
export function propsStateJson(state: PropsState): string | null {
  if (state.obj !== undefined) return propsJson(state.obj);
  return state.json === '' ? null : state.json + '}';
}
