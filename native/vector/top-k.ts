/**
 * Keeps the k best (score, label) pairs seen so far in a binary min-heap, so scanning n
 * candidates costs O(n log k) and allocates nothing per candidate.
 * Order: higher score first; equal scores by smaller label, so results are deterministic.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly labels: Uint32Array;
  private n = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.labels = new Uint32Array(Math.max(1, k));
  }

  get length(): number {
    return this.n;
  }

  /** True when a candidate with this score could still enter the heap (cheap pre-check). */
  admits(score: number): boolean {
    return this.n < this.k || score >= this.scores[0];
  }

  push(score: number, label: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      this.scores[this.n] = score;
      this.labels[this.n] = label;
      this.siftUp(this.n++);
      return;
    }
    if (!this.better(score, label, this.scores[0], this.labels[0])) return;
    this.scores[0] = score;
    this.labels[0] = label;
    this.siftDown(0);
  }

  reset(): void {
    this.n = 0;
  }

  /** Writes the kept pairs best-first into the outputs (from `offset`) and returns how many. */
  drainInto(outLabels: Uint32Array, outScores: Float32Array, offset = 0): number {
    const count = this.n;
    for (let i = count - 1; i >= 0; i--) {
      outLabels[offset + i] = this.labels[0];
      outScores[offset + i] = this.scores[0];
      this.n--;
      if (this.n > 0) {
        this.scores[0] = this.scores[this.n];
        this.labels[0] = this.labels[this.n];
        this.siftDown(0);
      }
    }
    return count;
  }

  private better(sa: number, la: number, sb: number, lb: number): boolean {
    return sa > sb || (sa === sb && la < lb);
  }

  private siftUp(i: number): void {
    const s = this.scores[i];
    const l = this.labels[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(this.scores[p], this.labels[p], s, l)) break;
      this.scores[i] = this.scores[p];
      this.labels[i] = this.labels[p];
      i = p;
    }
    this.scores[i] = s;
    this.labels[i] = l;
  }

  private siftDown(i: number): void {
    const s = this.scores[i];
    const l = this.labels[i];
    for (;;) {
      const a = 2 * i + 1;
      if (a >= this.n) break;
      const b = a + 1;
      // Pick the worse child: the heap root must be the worst kept pair.
      const c = b < this.n && this.better(this.scores[a], this.labels[a], this.scores[b], this.labels[b]) ? b : a;
      if (!this.better(s, l, this.scores[c], this.labels[c])) break;
      this.scores[i] = this.scores[c];
      this.labels[i] = this.labels[c];
      i = c;
    }
    this.scores[i] = s;
    this.labels[i] = l;
  }
}
