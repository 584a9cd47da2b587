/**
 * The per-node text settings as the panel edits them: comma lists in text fields, and a plain
 * description of what ends up embedded for an entity and for a passage.
 */
import type { EmbeddingTextSettings } from '../../../../electron/common/protocol/models';

/** "passage, chunk ,," -> ["passage", "chunk"]. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function formatList(items: readonly string[]): string {
  return items.join(', ');
}

/** What is embedded for an entity/event node, e.g. "name (type): concept, concept; year: value". */
export function entityTemplate(c: EmbeddingTextSettings): string {
  let out = 'name';
  if (c.includeType) out += ' (type)';
  if (c.conceptsProp && c.maxConcepts > 0) out += `: ${c.conceptsProp} (up to ${c.maxConcepts})`;
  for (const p of c.extraProps) out += `; ${p}: value`;
  return out;
}

/** What is embedded for a passage node. */
export function passageTemplate(c: EmbeddingTextSettings): string {
  if (!c.passageTypes.length) return 'no node type is treated as a passage';
  const props = c.passageTextProps.length ? `, else its ${c.passageTextProps.join(' / ')} property` : '';
  return `types ${c.passageTypes.join(', ')}: the node's own text${props}`;
}
