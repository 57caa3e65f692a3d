/**
 * What every PII leak hunt through a shipped bundle shares (the invoke
 * route's in pii-fuzz.ts, the chat route's in chat-pii-fuzz.ts): drawing
 * disguised values, judging a text for a whole or partial value, catching
 * the function's output, and counting and printing the cells.
 */
import { canonical, writeIn, type PiiForm } from './pii-forms';
import { piiSample, type PiiClass, type PiiSample, type Random } from './pii-values';

/** One cell: a PII type in one form, in one field. */
export interface LeakCount<F extends string = string> {
  readonly type: PiiClass;
  readonly form: PiiForm;
  readonly field: F;
  cases: number;
  /** The whole value got through. */
  leaks: number;
  /** Not the whole value, but a piece of at least four letters or digits of it. */
  partial: number;
}

export interface LeakTotals {
  readonly cases: number;
  readonly leaks: number;
  readonly partial: number;
}

/** The value with its context words, as a person would write it. */
export const contextOf = (sample: PiiSample): string => sample.context.replace('{}', sample.value);

/** Pieces of the value (split at anything but letters and digits) that identify it on their own; `around` is the canonical template text. */
function pieces(sample: PiiSample, around: string): string[] {
  const known = around + canonical(sample.context);
  return canonical(sample.value).split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 4 && !known.includes(p));
}

/**
 * Counts one case of `count`: a leak when the value's canonical form is in `seen`'s, partial when only a
 * piece of it is. `template` is the canonical text of the words around the values: a piece found in them says nothing.
 */
export function judge(count: LeakCount, sample: PiiSample, seen: string, template: string): boolean {
  count.cases++;
  const text = canonical(seen);
  if (text.includes(canonical(sample.value))) {
    count.leaks++;
    return true;
  }
  if (pieces(sample, template).some((p) => text.includes(p))) count.partial++;
  return false;
}

/** A sample of `type` written in `form`, or undefined when the form does not apply to the values drawn. */
function formedSample(type: PiiClass, form: PiiForm, r: Random, avoid: ReadonlySet<string>): PiiSample | undefined {
  for (let tries = 0; tries < 8; tries++) {
    const sample = piiSample(type, r);
    const written = writeIn(form, sample.value, r);
    if (written !== undefined && !avoid.has(canonical(sample.value))) return { ...sample, value: written };
  }
  return undefined;
}

/**
 * `count` values of `type` in `form` for one case, each different from the others (so that finding one cannot be
 * mistaken for another), or undefined when the form did not apply. Always draws `count` times, so a run's
 * sequence of values depends only on the seed and the sizes.
 */
export function caseSamples(type: PiiClass, form: PiiForm, r: Random, count: number): PiiSample[] | undefined {
  const used = new Set<string>();
  const samples: Array<PiiSample | undefined> = [];
  for (let i = 0; i < count; i++) {
    const s = formedSample(type, form, r, used);
    if (s) used.add(canonical(s.value));
    samples.push(s);
  }
  return samples.every((s) => s !== undefined) ? (samples as PiiSample[]) : undefined;
}

/** Whether the canonical form of any of the values is in `output`'s. */
export function anyIn(samples: readonly PiiSample[], output: string): boolean {
  const text = canonical(output);
  return samples.some((s) => text.includes(canonical(s.value)));
}

/**
 * Captures what the function writes while `fn` runs: its log and metric lines on stdout and, with `stderr`, the
 * WARN and ERROR lines its logger writes there (Lambda ships both).
 */
export async function capturingOutput<T>(fn: () => Promise<T>, options: { stderr?: boolean } = {}): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const streams = options.stderr === true ? [process.stdout, process.stderr] : [process.stdout];
  const originals = streams.map((s) => s.write);
  for (const s of streams) {
    s.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof s.write;
  }
  try {
    return { result: await fn(), output: chunks.join('') };
  } finally {
    streams.forEach((s, i) => {
      s.write = originals[i];
    });
  }
}

/** Cases and leaks over the cells that `where` selects. */
export function sumCells<C extends LeakCount>(counts: readonly C[], where: (c: C) => boolean): LeakTotals {
  const cells = counts.filter(where);
  return {
    cases: cells.reduce((n, c) => n + c.cases, 0),
    leaks: cells.reduce((n, c) => n + c.leaks, 0),
    partial: cells.reduce((n, c) => n + c.partial, 0),
  };
}

const pct = (leaks: number, cases: number) => (cases === 0 ? '-' : `${((100 * leaks) / cases).toFixed(1)}%`);

/** `leaks/cases rate`, or n/a for a cell no case reached. */
export const cellText = (t: { cases: number; leaks: number }): string => (t.cases === 0 ? 'n/a' : `${t.leaks}/${t.cases} ${pct(t.leaks, t.cases)}`);

/** Rows as aligned columns, a rule under the header. */
export function alignRows(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}

/** The bundle's path from assets/ on, for a report line. */
export const bundleName = (bundle: string): string => bundle.replace(/.*\/assets\//, 'assets/');
