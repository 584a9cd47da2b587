/**
 * The importer's bounded-memory tables (csv/seen-set.ts, store/sqlite/id-rid-index.ts,
 * store/sqlite/parallel-ords.ts) keep keys as 64-bit hashes, not strings: `Key64` hashes a key
 * with two 32-bit FNV-1a variants, `Hash64Table` stores the two halves (and optionally one Int32
 * value a slot) side by side in one typed array with linear probing, at most half full. 8 bytes a
 * slot, 12 with values; 0/0 marks an empty slot, so a finished hash is never 0/0.
 */
export class Key64 {
  h1 = 0;
  h2 = 0;
  /** A code unit waiting for its pair (mix takes two at a time), or -1. */
  private carry = -1;
  /** Code units mixed since begin (finish mixes it, so "a" and "a\0" differ). */
  private units = 0;

  begin(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    this.carry = -1;
    this.units = 0;
  }

  /** Mixes one code unit or small integer (< 2^16: the pairs below are two 16-bit units). */
  mixCode(c: number): void {
    this.units++;
    if (this.carry < 0) {
      this.carry = c;
      return;
    }
    this.step(this.carry | (c << 16));
    this.carry = -1;
  }

  /**
   * Mixes the string's code units two per step (half the multiplications of one per unit:
   * CSV 1M edges, the duplicate-row check hashes ~90M units). A unit left over waits for the
   * next call, so mixing "ab" then "c" hashes like "a" then "bc".
   */
  mix(key: string): void {
    const n = key.length;
    if (n === 0) return;
    let i = 0;
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.carry >= 0) {
      const c = this.carry | (key.charCodeAt(0) << 16);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      this.carry = -1;
      i = 1;
    }
    for (; i + 1 < n; i += 2) {
      const c = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    if (i < n) this.carry = key.charCodeAt(i);
    this.h1 = h1;
    this.h2 = h2;
    this.units += n;
  }

  /**
   * Mixes a whole 32-bit integer in one step (row ids in parallel-ords.ts), after any unit still
   * waiting for its pair; not equivalent to mixing its halves as units.
   */
  mixInt(n: number): void {
    if (this.carry >= 0) {
      this.step(this.carry);
      this.carry = -1;
    }
    this.step(n);
    this.units += 2;
  }

  private step(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    const h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 = h2 ^ (h2 >>> 15);
  }

  /** Final avalanche of both halves, as unsigned 32-bit numbers, never 0/0. */
  finish(): void {
    if (this.carry >= 0) this.step(this.carry);
    // The length tells a last lone unit c from the pair (c, 0).
    this.step(this.units);
    const h1 = (this.h1 ^ (this.h1 >>> 16)) >>> 0;
    const h2 = (this.h2 ^ (this.h2 >>> 13)) >>> 0;
    this.h1 = h1;
    this.h2 = h1 === 0 && h2 === 0 ? 1 : h2;
  }
}

const WASM_PAGE = 65536;
/** The node typings declare WebAssembly's types only (no DOM lib here). */
const WasmMemory = (globalThis as { WebAssembly?: { Memory: new (size: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } }).WebAssembly?.Memory;

/**
 * A zeroed array of `n` elements outside the malloc heap: the pages of a WebAssembly.Memory come
 * from mmap and go back with munmap. A table that grows frees its old array, and glibc raises its
 * mmap threshold to the size of a freed mmapped block (up to 32 MB): once the id table's 12 MB
 * array was freed, later allocations below 12 MB came from the heap, which holds on to freed
 * memory. CSV 1M + 1M import peak RSS: 251-255 MB with malloc'd arrays, 201-205 MB with these
 * (224-229 MB before this layout, three malloc'd arrays of 4 bytes a slot).
 * Where no such memory can be made (address space limits), a plain array.
 */
export function zeroedCells(n: number): Uint32Array {
  if (WasmMemory) {
    try {
      const pages = Math.max(1, Math.ceil((n * 4) / WASM_PAGE));
      return new Uint32Array(new WasmMemory({ initial: pages, maximum: pages }).buffer, 0, n);
    } catch {
      // No address space for it: the heap then.
    }
  }
  return new Uint32Array(n);
}

/**
 * Slots are `stride` consecutive elements (h1, h2[, value]) of one array: a probe then touches one
 * cache line, where three arrays cost three misses per random lookup (the writer resolves 3M ids
 * per CSV 1M + 1M import in a 2M-slot table, the parser checks 2M keys).
 * A slot handle (`slot`) is the offset of its first element.
 */
export class Hash64Table {
  private cells: Uint32Array;
  private readonly stride: number;
  /** Slots - 1 (a power of two minus one). */
  private mask: number;
  count = 0;

  constructor(initialSlots: number, withValues: boolean) {
    this.stride = withValues ? 3 : 2;
    this.cells = zeroedCells(initialSlots * this.stride);
    this.mask = initialSlots - 1;
  }

  /** The slot holding (h1, h2), or the empty slot where it would go. */
  slot(h1: number, h2: number): number {
    const cells = this.cells;
    const stride = this.stride;
    let i = h1 & this.mask;
    for (;;) {
      const at = i * stride;
      const a = cells[at];
      const b = cells[at + 1];
      if ((a === h1 && b === h2) || (a === 0 && b === 0)) return at;
      i = (i + 1) & this.mask;
    }
  }

  occupied(at: number): boolean {
    return this.cells[at] !== 0 || this.cells[at + 1] !== 0;
  }

  /** The slot's value (tables made with values), a signed 32-bit number. */
  value(at: number): number {
    return this.cells[at + 2] | 0;
  }

  setValue(at: number, v: number): void {
    this.cells[at + 2] = v;
  }

  /** Puts (h1, h2, value) into the empty slot `at`; past half full the table grows and slots move. */
  fill(at: number, h1: number, h2: number, value = 0): void {
    const cells = this.cells;
    cells[at] = h1;
    cells[at + 1] = h2;
    if (this.stride === 3) cells[at + 2] = value;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  private grow(): void {
    const old = this.cells;
    const stride = this.stride;
    this.mask = this.mask * 2 + 1;
    this.cells = zeroedCells((this.mask + 1) * stride);
    for (let j = 0; j < old.length; j += stride) {
      const a = old[j];
      const b = old[j + 1];
      if (a === 0 && b === 0) continue;
      const at = this.slot(a, b);
      this.cells[at] = a;
      this.cells[at + 1] = b;
      if (stride === 3) this.cells[at + 2] = old[j + 2];
    }
  }
}
