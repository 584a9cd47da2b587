/**
 * What text stands for a node when it is embedded. Entities and events are short: their name,
 * type and (AutoSchemaKG) concepts say what they are. Passages carry their own text.
 */
import type { NodeRecord, PropValue } from '../../electron/common/model';

export interface EmbeddingTextConfig {
  /** Node types whose own text (node.text, else the first of `passageTextProps`) is embedded as is. */
  passageTypes: string[];
  passageTextProps: string[];
  /** Append the node type, e.g. "Paris (city)". Generic types in `omitTypes` are left out. */
  includeType: boolean;
  omitTypes: string[];
  /** A list-valued prop whose items are appended, e.g. AutoSchemaKG's `concepts`; null for none. */
  conceptsProp: string | null;
  maxConcepts: number;
  /** Further scalar props appended as "key: value". */
  extraProps: string[];
}

export const DEFAULT_EMBEDDING_TEXT_CONFIG: Readonly<EmbeddingTextConfig> = Object.freeze({
  passageTypes: ['passage', 'text', 'chunk', 'document'],
  passageTextProps: ['text', 'content', 'passage'],
  includeType: true,
  omitTypes: [],
  conceptsProp: 'concepts',
  maxConcepts: 8,
  extraProps: [],
});

/** The fields of a node this needs; both NodeRecord (parser output) and GraphNode (store) fit. */
export type EmbeddableNode = Pick<NodeRecord, 'id' | 'name' | 'type' | 'props' | 'text'>;

export function embeddingText(node: EmbeddableNode, config: Partial<EmbeddingTextConfig> = {}): string {
  const c: EmbeddingTextConfig = { ...DEFAULT_EMBEDDING_TEXT_CONFIG, ...config };
  const type = node.type?.trim() ?? '';
  const name = node.name?.trim() || '';
  const props = node.props ?? {};

  if (type && c.passageTypes.includes(type.toLowerCase())) {
    const text = node.text?.trim() || firstStringProp(props, c.passageTextProps);
    if (text) return text;
    return name || node.id;
  }
  // A parser that set `text` has said what the node reads as (model.ts: "Text used for embedding").
  if (node.text?.trim()) return node.text.trim();

  let out = name || node.id;
  if (c.includeType && type && !c.omitTypes.includes(type) && type.toLowerCase() !== out.toLowerCase()) out += ` (${type})`;
  if (c.conceptsProp) {
    const concepts = listOfStrings(props[c.conceptsProp]).slice(0, c.maxConcepts);
    if (concepts.length) out += `: ${concepts.join(', ')}`;
  }
  for (const key of c.extraProps) {
    const v = props[key];
    if (typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean') out += `; ${key}: ${String(v).trim()}`;
  }
  return out;
}

function firstStringProp(props: Record<string, PropValue>, keys: string[]): string {
  for (const k of keys) {
    const v = props[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}

/** Concepts come as a list, or (from CSV imports) as a string "a, b" / '["a","b"]'. */
function listOfStrings(v: PropValue | undefined): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim()).filter(Boolean);
  if (typeof v !== 'string' || !v.trim()) return [];
  const s = v.trim();
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return listOfStrings(parsed as PropValue);
    } catch {
      // not JSON: fall through to splitting
    }
  }
  return s.split(/\s*[,;|]\s*/).filter(Boolean);
}
