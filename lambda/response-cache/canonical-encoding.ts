/**
 * An unambiguous byte encoding of a list of fields, the input of the cache
 * key's HMAC: every field is a type byte and a 4-byte length before its bytes,
 * so no two different field lists encode to the same bytes (no separator a
 * value could contain, no absent field that looks like an empty one).
 */
const TEXT = 0x53;
const ABSENT = 0x4e;
const NUMBER = 0x44;
const LIST = 0x4c;

export class CanonicalEncoder {
  private readonly parts: Buffer[] = [];

  public text(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    return this.push(TEXT, bytes.length, bytes);
  }

  public optionalText(value: string | undefined): this {
    return value === undefined ? this.push(ABSENT, 0) : this.text(value);
  }

  /** A finite number, by its shortest round-trip decimal form (JSON's), so 0.7 and 0.70 are one value. */
  public number(value: number): this {
    if (!Number.isFinite(value)) throw new RangeError('not a finite number');
    const bytes = Buffer.from(JSON.stringify(value), 'ascii');
    return this.push(NUMBER, bytes.length, bytes);
  }

  public optionalNumber(value: number | undefined): this {
    return value === undefined ? this.push(ABSENT, 0) : this.number(value);
  }

  /** The count first, then each item through `each`. */
  public list<T>(items: readonly T[], each: (item: T, encoder: this) => void): this {
    this.push(LIST, items.length);
    for (const item of items) each(item, this);
    return this;
  }

  public bytes(): Buffer {
    return Buffer.concat(this.parts);
  }

  private push(type: number, length: number, bytes?: Buffer): this {
    const head = Buffer.allocUnsafe(5);
    head[0] = type;
    head.writeUInt32BE(length, 1);
    this.parts.push(head);
    if (bytes !== undefined) this.parts.push(bytes);
    return this;
  }
}
