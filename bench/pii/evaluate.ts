/**
 * Scores a detector against labeled documents: per type precision, recall and
 * F1 under exact-span and overlap matching, and the share of look-alikes
 * (negatives) that a finding touches. Offsets are UTF-16, end exclusive.
 */
import { readFileSync } from 'node:fs';

export interface LabeledSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly sub?: string;
}

export interface LabeledDoc {
  readonly id: string;
  readonly text: string;
  readonly spans: readonly LabeledSpan[];
  readonly negatives: readonly LabeledSpan[];
  readonly ignore: readonly LabeledSpan[];
  readonly meta?: Readonly<Record<string, unknown>>;
}

export interface Detected {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalError {
  readonly doc: string;
  readonly kind: 'fp' | 'fn' | 'neg';
  readonly type: string;
  readonly text: string;
  readonly context: string;
}

export interface EvalReport {
  readonly exact: Record<string, TypeScore>;
  readonly overlap: Record<string, TypeScore>;
  readonly negatives: { total: number; masked: number; byType: Record<string, { total: number; masked: number }> };
  readonly errors: EvalError[];
  readonly docs: number;
}

export function loadJsonl(path: string): LabeledDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabeledDoc);
}

/** The labeled data splits IP addresses by version; the masker reports one type. */
export function goldType(t: string): string {
  return t === 'IPV4' || t === 'IPV6' ? 'IP_ADDRESS' : t;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function emptyScore(): TypeScore {
  return { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
}

function finish(scores: Record<string, TypeScore>): void {
  const all = emptyScore();
  for (const [k, v] of Object.entries(scores)) {
    if (k === 'ALL') continue;
    all.tp += v.tp;
    all.fp += v.fp;
    all.fn += v.fn;
  }
  scores.ALL = all;
  for (const v of Object.values(scores)) {
    v.precision = v.tp + v.fp === 0 ? 1 : v.tp / (v.tp + v.fp);
    v.recall = v.tp + v.fn === 0 ? 1 : v.tp / (v.tp + v.fn);
    v.f1 = v.precision + v.recall === 0 ? 0 : (2 * v.precision * v.recall) / (v.precision + v.recall);
  }
}

function context(text: string, start: number, end: number): string {
  return `${text.slice(Math.max(0, start - 30), start)}⟦${text.slice(start, end)}⟧${text.slice(end, end + 20)}`;
}

export function evaluate(docs: readonly LabeledDoc[], detect: (text: string) => readonly Detected[]): EvalReport {
  const exact: Record<string, TypeScore> = {};
  const overlap: Record<string, TypeScore> = {};
  const negatives = { total: 0, masked: 0, byType: {} as Record<string, { total: number; masked: number }> };
  const errors: EvalError[] = [];
  const score = (table: Record<string, TypeScore>, type: string): TypeScore => (table[type] ??= emptyScore());
  for (const doc of docs) {
    const found = detect(doc.text);
    const gold = doc.spans.map((g) => ({ ...g, type: goldType(g.type) }));
    // Exact matching.
    const goldKeys = new Set(gold.map((g) => `${g.type}:${g.start}:${g.end}`));
    const foundKeys = new Set(found.map((f) => `${f.type}:${f.start}:${f.end}`));
    for (const f of found) {
      if (goldKeys.has(`${f.type}:${f.start}:${f.end}`)) {
        score(exact, f.type).tp++;
      } else if (!doc.ignore.some((ig) => overlaps(ig, f)) || gold.some((g) => overlaps(g, f))) {
        score(exact, f.type).fp++;
        errors.push({ doc: doc.id, kind: 'fp', type: f.type, text: doc.text.slice(f.start, f.end), context: context(doc.text, f.start, f.end) });
      }
    }
    for (const g of gold) {
      if (!foundKeys.has(`${g.type}:${g.start}:${g.end}`)) {
        score(exact, g.type).fn++;
        errors.push({ doc: doc.id, kind: 'fn', type: g.type, text: doc.text.slice(g.start, g.end), context: context(doc.text, g.start, g.end) });
      }
    }
    // Overlap matching, one to one.
    const usedGold = new Set<number>();
    for (const f of found) {
      const k = gold.findIndex((g, idx) => !usedGold.has(idx) && g.type === f.type && overlaps(g, f));
      if (k >= 0) {
        usedGold.add(k);
        score(overlap, f.type).tp++;
      } else if (!doc.ignore.some((ig) => overlaps(ig, f)) || gold.some((g) => overlaps(g, f))) {
        score(overlap, f.type).fp++;
      }
    }
    gold.forEach((g, idx) => {
      if (!usedGold.has(idx)) score(overlap, g.type).fn++;
    });
    for (const neg of doc.negatives) {
      negatives.total++;
      const bt = (negatives.byType[neg.type] ??= { total: 0, masked: 0 });
      bt.total++;
      const hit = found.find((f) => overlaps(f, neg));
      if (hit) {
        negatives.masked++;
        bt.masked++;
        errors.push({
          doc: doc.id, kind: 'neg', type: `${neg.type}->${hit.type}`, text: doc.text.slice(neg.start, neg.end), context: context(doc.text, neg.start, neg.end),
        });
      }
    }
  }
  finish(exact);
  finish(overlap);
  return { exact, overlap, negatives, errors, docs: docs.length };
}
