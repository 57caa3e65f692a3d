/**
 * State shared by the detectors during one scan: the text, which types are
 * on, and the findings so far. Detectors only move forward: a finding may not
 * start before the end of the previous one, which keeps findings sorted and
 * disjoint without a separate overlap pass.
 */
import { TableContext } from './table-context';
import type { BuiltinPiiType } from './types';

export const TYPE_BIT: Readonly<Record<BuiltinPiiType, number>> = {
  EMAIL: 1,
  PHONE: 2,
  CREDIT_CARD: 4,
  US_SSN: 8,
  IBAN: 16,
  IP_ADDRESS: 32,
  AWS_ACCESS_KEY: 64,
  API_SECRET: 128,
  DATE_OF_BIRTH: 256,
  US_PASSPORT: 512,
  PERSON: 1024,
  STREET_ADDRESS: 2048,
};

export const ALL_TYPES_MASK = 4095;

/**
 * TYPE_BIT as a Map for the scan. Reading a record with a different string key at one site makes the access
 * megamorphic: V8 then answers it from a cache indexed by the key's hash, whose collisions depend on the string-hash
 * seed drawn per process, so the same code ran at one of two speeds from one fresh process to the next.
 */
const TYPE_BITS: ReadonlyMap<BuiltinPiiType, number> = new Map(Object.entries(TYPE_BIT) as Array<[BuiltinPiiType, number]>);

export interface RawFinding {
  type: BuiltinPiiType;
  start: number;
  end: number;
}

export class ScanState {
  public readonly n: number;
  public readonly findings: RawFinding[] = [];
  /** End of the last accepted finding: nothing may start before it. */
  public lastEnd = 0;
  /** Start of the last run of hex digits and colons tried as IPv6, so a long run is parsed once. */
  public ipv6TriedAt = -1;
  /** The last start a hyphenated token was tried from without a finding (findings only move forward, so it stays a miss). */
  public tokenTriedAt = -1;
  /**
   * Every character from tokenTriedAt up to here is a token character, so a later look-back that reaches this
   * point (the next segment of `b65d1416-de1b-4343-...`) jumps to tokenTriedAt instead of reading the run again.
   */
  public tokenRunEnd = -1;
  /** End of the last base64 run judged as an AWS secret key: stops inside it need no second look. */
  public base64RunEnd = 0;

  private tableContext: TableContext | undefined;

  public constructor(
    public readonly s: string,
    public readonly enabled: number,
  ) {
    this.n = s.length;
  }

  /** Cue bits of the table or SQL column the value at `pos` sits in (0 outside tables). */
  public columnCue(pos: number): number {
    return (this.tableContext ??= new TableContext(this.s)).columnCue(pos);
  }

  public wants(type: BuiltinPiiType): boolean {
    return (this.enabled & (TYPE_BITS.get(type) as number)) !== 0;
  }

  /**
   * Records a finding. A detected entity of a type that is switched off is
   * still consumed (its characters cannot become part of another finding)
   * but not reported. Returns false when the span is not acceptable.
   */
  public emit(type: BuiltinPiiType, start: number, end: number): boolean {
    if (start < this.lastEnd || end <= start || end > this.n) return false;
    if ((this.enabled & (TYPE_BITS.get(type) as number)) !== 0) this.findings.push({ type, start, end });
    this.lastEnd = end;
    return true;
  }
}
