/**
 * Colour by similarity: pale yellow for the weakest lit hit, deep red for the best, so the eye
 * finds the nearest nodes first. Scores are spread over the range actually shown (threshold to
 * best hit), because cosine scores of one query often sit in a narrow band.
 */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const hue = 55 - 55 * x; // 55 (yellow) .. 0 (red)
  const light = 62 - 20 * x;
  return `hsl(${hue.toFixed(0)}, 95%, ${light.toFixed(0)}%)`;
}

/** Position of `score` between `low` and `high` (1 when they are equal). */
export function rampPosition(score: number, low: number, high: number): number {
  if (!(high > low)) return 1;
  return (score - low) / (high - low);
}

/** Colour per hit id for a ranked list. */
export function colorsFor(hits: ReadonlyArray<{ id: string; score: number }>, threshold: number): Map<string, string> {
  const out = new Map<string, string>();
  if (!hits.length) return out;
  const high = Math.max(...hits.map((h) => h.score));
  const low = Math.min(threshold, ...hits.map((h) => h.score));
  for (const h of hits) out.set(h.id, rampColor(rampPosition(h.score, low, high)));
  return out;
}
