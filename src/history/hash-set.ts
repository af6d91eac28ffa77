/**
 * A set of 53-bit hashes in one Float64Array (open addressing, linear probing): 16 bytes per entry at
 * most and no per-entry objects, where a Set<number> of non-small integers costs a heap number each.
 */
export class HashSet53 {
  private slots: Float64Array;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Float64Array(size).fill(-1);
  }

  has(h: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = h % this.slots.length; ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === h) return true;
      if (v === -1) return false;
    }
  }

  add(h: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = h % this.slots.length; ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === h) return;
      if (v === -1) {
        this.slots[i] = h;
        this.count++;
        return;
      }
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.count = 0;
    for (const v of old) if (v !== -1) this.add(v);
  }
}
