/**
 * GraphML `<key>` declarations: what each `<data key=...>` means. Keys are looked up by the element
 * they describe, because igraph declares the same id twice (`title` for graph and for node).
 */
import type { PropValue, Props } from '../../../electron/common/model';
import { convertValue, valueKind, type ValueKind } from './typed-values';

export type KeyDomain = 'node' | 'edge' | 'graph' | 'all' | 'other';

export interface GraphmlKey {
  id: string;
  /** attr.name; undefined for yEd's `yfiles.type` keys, whose data we do not keep. */
  name?: string;
  kind: ValueKind;
  domain: KeyDomain;
  default?: PropValue;
}

function domainOf(forAttr: string | undefined): KeyDomain {
  const f = (forAttr ?? 'all').toLowerCase();
  return f === 'node' || f === 'edge' || f === 'graph' || f === 'all' ? f : 'other';
}

const RECENT_LOOKUPS = 16;

export class GraphmlKeys {
  /** domain -> key id -> key (two levels: no string building per `<data>` lookup). */
  private readonly byDomain = new Map<KeyDomain, Map<string, GraphmlKey>>();
  /** Bumped on every declaration so that callers can recompute what they derived from keys. */
  version = 0;
  /** Lookups answered since the last declaration (lookup; a default changes the key object itself). */
  private readonly recent: Array<{ domain: string; id: string; key: GraphmlKey | undefined }> = [];

  declare(attrs: Record<string, string>): GraphmlKey {
    const key: GraphmlKey = {
      id: attrs.id ?? '',
      name: attrs['attr.name'] || undefined,
      kind: valueKind(attrs['attr.type']),
      domain: domainOf(attrs.for),
    };
    let ids = this.byDomain.get(key.domain);
    if (!ids) this.byDomain.set(key.domain, (ids = new Map()));
    ids.set(key.id, key);
    this.recent.length = 0;
    this.version++;
    return key;
  }

  setDefault(key: GraphmlKey, text: string): void {
    const converted = convertValue(text, key.kind);
    if (converted) key.default = converted.value;
    this.version++;
  }

  lookup(domain: 'node' | 'edge' | 'graph', id: string): GraphmlKey | undefined {
    // Every <data> asks this, for a handful of ids: a short list compared by value beats two Map
    // lookups that hash a fresh id string each time (GraphML 100K/500K parse-only profile, load 6:
    // open + lookup 213 -> 184 ms of samples, a small gain).
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i];
      if (r.id === id && r.domain === domain) return r.key;
    }
    const key = this.byDomain.get(domain)?.get(id) ?? this.byDomain.get('all')?.get(id);
    if (recent.length < RECENT_LOOKUPS) recent.push({ domain, id, key });
    return key;
  }

  /** attr.names of the keys that apply to nodes or edges (for choosing name/type keys). */
  namesFor(domain: 'node' | 'edge'): string[] {
    const names: string[] = [];
    for (const k of this.all()) {
      if (k.name !== undefined && (k.domain === domain || k.domain === 'all')) names.push(k.name);
    }
    return names;
  }

  private *all(): Generator<GraphmlKey> {
    for (const ids of this.byDomain.values()) yield* ids.values();
  }

  /** The declared default of the key named `name` for the domain, if any. */
  defaultOf(domain: 'node' | 'edge', name: string | undefined): PropValue | undefined {
    if (name === undefined) return undefined;
    for (const k of this.all()) {
      if (k.name === name && (k.domain === domain || k.domain === 'all')) return k.default;
    }
    return undefined;
  }

  /** Every declared default for the domain as [attr.name, value], except for the named keys. */
  defaultsList(domain: 'node' | 'edge', except?: string, except2?: string): Array<[string, PropValue]> {
    const list: Array<[string, PropValue]> = [];
    for (const k of this.all()) {
      if (k.name === undefined || k.name === except || k.name === except2 || k.default === undefined) continue;
      if (k.domain === domain || k.domain === 'all') list.push([k.name, k.default]);
    }
    return list;
  }
}

/** Fresh props holding the given defaults. */
export function propsFromDefaults(list: Array<[string, PropValue]>): Props {
  const props: Props = {};
  for (let i = 0; i < list.length; i++) props[list[i][0]] = list[i][1];
  return props;
}
