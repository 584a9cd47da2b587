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

export class GraphmlKeys {
  private readonly byDomainAndId = new Map<string, GraphmlKey>();
  private defaultsCache = new Map<'node' | 'edge', Array<[string, PropValue]>>();
  /** Bumped on every declaration so that callers can recompute what they derived from keys. */
  version = 0;

  declare(attrs: Record<string, string>): GraphmlKey {
    const key: GraphmlKey = {
      id: attrs.id ?? '',
      name: attrs['attr.name'] || undefined,
      kind: valueKind(attrs['attr.type']),
      domain: domainOf(attrs.for),
    };
    this.byDomainAndId.set(`${key.domain}\u0000${key.id}`, key);
    this.defaultsCache.clear();
    this.version++;
    return key;
  }

  setDefault(key: GraphmlKey, text: string): void {
    const converted = convertValue(text, key.kind);
    if (converted) key.default = converted.value;
    this.defaultsCache.clear();
  }

  lookup(domain: 'node' | 'edge' | 'graph', id: string): GraphmlKey | undefined {
    return this.byDomainAndId.get(`${domain}\u0000${id}`) ?? this.byDomainAndId.get(`all\u0000${id}`);
  }

  /** attr.names of the keys that apply to nodes or edges (for choosing name/type keys). */
  namesFor(domain: 'node' | 'edge'): string[] {
    const names: string[] = [];
    for (const k of this.byDomainAndId.values()) {
      if (k.name !== undefined && (k.domain === domain || k.domain === 'all')) names.push(k.name);
    }
    return names;
  }

  /** Fresh props holding every declared default for the domain. */
  defaults(domain: 'node' | 'edge'): Props {
    let list = this.defaultsCache.get(domain);
    if (!list) {
      list = [];
      for (const k of this.byDomainAndId.values()) {
        if (k.name !== undefined && k.default !== undefined && (k.domain === domain || k.domain === 'all')) list.push([k.name, k.default]);
      }
      this.defaultsCache.set(domain, list);
    }
    const props: Props = {};
    for (const [name, value] of list) props[name] = value;
    return props;
  }
}
