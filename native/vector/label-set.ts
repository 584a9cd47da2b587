/**
 * A growable bitset of uint32 labels. Labels are SQLite row ids, so they are dense and small:
 * one bit per possible label (1M labels = 125 KB) beats a Set<number> (~40 bytes per entry) and
 * answers "is this label live?" without crossing into the native index.
 */
export class LabelSet {
  private bits: Uint32Array;
  private count = 0;

  constructor(initialLabels = 1024) {
    this.bits = new Uint32Array(Math.max(1, Math.ceil(initialLabels / 32)));
  }

  get size(): number {
    return this.count;
  }

  has(label: number): boolean {
    const word = label >>> 5;
    return word < this.bits.length && (this.bits[word] & (1 << (label & 31))) !== 0;
  }

  /** Returns true when the label was not in the set before. */
  add(label: number): boolean {
    const word = label >>> 5;
    if (word >= this.bits.length) this.grow(word + 1);
    const mask = 1 << (label & 31);
    if ((this.bits[word] & mask) !== 0) return false;
    this.bits[word] |= mask;
    this.count++;
    return true;
  }

  /** Returns true when the label was in the set. */
  delete(label: number): boolean {
    const word = label >>> 5;
    if (word >= this.bits.length) return false;
    const mask = 1 << (label & 31);
    if ((this.bits[word] & mask) === 0) return false;
    this.bits[word] &= ~mask;
    this.count--;
    return true;
  }

  /** All labels in ascending order. */
  toArray(): Uint32Array {
    const out = new Uint32Array(this.count);
    let n = 0;
    for (let w = 0; w < this.bits.length; w++) {
      let word = this.bits[w];
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        out[n++] = w * 32 + bit;
        word &= word - 1;
      }
    }
    return out;
  }

  private grow(minWords: number): void {
    const next = new Uint32Array(Math.max(minWords, this.bits.length * 2));
    next.set(this.bits);
    this.bits = next;
  }
}
