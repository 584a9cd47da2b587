/**
 * A stable colour per node type: the same type gets the same colour in every session, every
 * workspace and both themes. FNV-1a of the type name picks one of a palette of mid-lightness
 * hues that read on white and on near-black backgrounds alike (Tableau 10 plus a few more).
 */
export const TYPE_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#5f9ed1', '#c85200', '#8cd17d', '#d37295', '#499894', '#b6992d', '#a0cbe8',
] as const;

/** The handle node "+K more" is grey whatever the palette does. */
export const HANDLE_COLOR = '#9aa0a6';

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** AutoSchemaKG's own types get fixed, well-separated colours so the common case never collides. */
const WELL_KNOWN: Record<string, string> = {
  entity: '#4e79a7',
  event: '#f28e2b',
  concept: '#59a14f',
  passage: '#b07aa1',
  relation: '#e15759',
};

export function colorForType(type: string): string {
  const key = type.trim().toLowerCase();
  return WELL_KNOWN[key] ?? TYPE_PALETTE[fnv1a(key) % TYPE_PALETTE.length];
}
