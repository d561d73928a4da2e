/**
 * The set of tasks already billed, in bounded memory: a 64-bit fingerprint of each task ARN in an
 * open-addressing table of 32-bit pairs (8 bytes a slot, at most half full: 16 to 32 bytes a task),
 * instead of a Set of ARN strings (about 150 bytes a task). Two different ARNs share a fingerprint
 * with probability about n^2 / 2^65: 3e-8 for a million tasks; the cost of a collision is one task
 * counted as a duplicate.
 */

const INITIAL_SLOTS = 1 << 12;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two independent 32-bit hashes of a string, in one pass (FNV-1a and a multiply-rotate mix). */
export function fingerprint(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  let hi = fmix(a);
  const lo = fmix(b);
  // (0, 0) marks an empty slot.
  if (hi === 0 && lo === 0) hi = 1;
  return [hi, lo];
}

export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  /** `initialSlots`: a power of two, the table's first size (it doubles as it fills). */
  constructor(initialSlots = INITIAL_SLOTS) {
    const slots = 2 ** Math.max(1, Math.ceil(Math.log2(initialSlots)));
    this.slots = new Uint32Array(slots * 2);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes the table holds (what a task costs in memory once billed). */
  get bytes(): number {
    return this.slots.byteLength;
  }

  has(text: string): boolean {
    const [hi, lo] = fingerprint(text);
    return this.find(hi, lo) >= 0;
  }

  /** Adds the text's fingerprint; false when it was already there. */
  add(text: string): boolean {
    const [hi, lo] = fingerprint(text);
    if (this.find(hi, lo) >= 0) return false;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.insert(hi, lo);
    this.count++;
    return true;
  }

  private find(hi: number, lo: number): number {
    const slots = this.slots;
    for (let i = (hi ^ lo) & this.mask; ; i = (i + 1) & this.mask) {
      const h = slots[2 * i]!;
      const l = slots[2 * i + 1]!;
      if (h === 0 && l === 0) return -1;
      if (h === hi && l === lo) return i;
    }
  }

  private insert(hi: number, lo: number): void {
    const slots = this.slots;
    let i = (hi ^ lo) & this.mask;
    while (slots[2 * i] !== 0 || slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = hi;
    slots[2 * i + 1] = lo;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
    }
  }
}
