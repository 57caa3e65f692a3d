/**
 * A fixed-size map from 32-bit integers (word hashes) to non-zero integers,
 * open addressing over typed arrays: a lookup is a few array reads, with no
 * Map and no boxed numbers on the hot path. A value of 0 marks a free slot.
 */
export class IntTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private size = 0;

  /** `slots` is a power of two, at least twice the number of keys the table will hold. */
  public constructor(slots: number) {
    this.keys = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The value of `key`, or 0. */
  public get(key: number): number {
    const mask = this.mask;
    for (let k = (key ^ (key >>> 13)) & mask; this.values[k] !== 0; k = (k + 1) & mask) {
      if (this.keys[k] === key) return this.values[k];
    }
    return 0;
  }

  /** Sets the value of `key` (`value` must not be 0). */
  public set(key: number, value: number): void {
    const mask = this.mask;
    let k = (key ^ (key >>> 13)) & mask;
    while (this.values[k] !== 0 && this.keys[k] !== key) k = (k + 1) & mask;
    if (this.values[k] === 0) {
      if (2 * ++this.size > mask + 1) throw new Error('IntTable is too full');
    }
    this.keys[k] = key;
    this.values[k] = value;
  }
}
