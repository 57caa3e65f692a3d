/**
 * Detection and replacement over one string, shared by maskPii and maskJson.
 * `from` lets maskJson put a key in front of a value as context (`ssn: ...`)
 * while only the value is reported and replaced.
 */
import { isAllowed } from './allowlist';
import { render, type RenderContext } from './mask-modes';
import { detectionView, toOriginalEnd, toOriginalStart } from './normalize';
import type { CompiledOptions } from './options';
import { scan } from './scanner';
import type { MaskMode, PiiFinding, PlaceholderMap } from './types';

export interface Detected {
  /** Offsets into the original text (minus `from`). */
  readonly findings: PiiFinding[];
  /** Each finding's value as the detectors read it (the detection view): what is rendered, hashed and kept for restoring. */
  readonly values: string[];
}

/**
 * Findings at or after `from`, sorted and disjoint, allowlist applied. Detection runs on the detection view
 * (normalize.ts); each finding then covers the whole original extent its view units came from.
 */
export function detect(text: string, from: number, cfg: CompiledOptions): Detected {
  const view = detectionView(text);
  const s = view.text;
  let found: PiiFinding[] = cfg.enabled === 0 ? [] : scan(s, cfg.enabled);
  if (cfg.custom.length > 0) found = mergeCustom(s, found, cfg);
  const findings: PiiFinding[] = [];
  const values: string[] = [];
  let lastEnd = 0;
  for (const f of found) {
    let start = toOriginalStart(view, f.start);
    const end = toOriginalEnd(view, f.end);
    if (start < from) continue;
    const value = s.slice(f.start, f.end);
    if ((cfg.allow.values.size > 0 || cfg.allow.domains.length > 0) && isAllowed(cfg.allow, f.type, value)) continue;
    // Two findings that split one expanded character (`⑩` read as `10`) share its original extent: the first keeps it.
    if (start < lastEnd) start = lastEnd;
    if (end <= start) continue;
    lastEnd = end;
    values.push(value);
    if (from === 0 && view.starts === null) findings.push(f);
    else if (f.label === undefined) findings.push({ type: f.type, start: start - from, end: end - from });
    else findings.push({ type: f.type, start: start - from, end: end - from, label: f.label });
  }
  return { findings, values };
}

/** Custom matches fill the gaps between built-in findings; on overlap the built-in finding wins. */
function mergeCustom(text: string, builtin: PiiFinding[], cfg: CompiledOptions): PiiFinding[] {
  const extra: PiiFinding[] = [];
  for (const p of cfg.custom) {
    for (const [start, end] of p.matcher.findAll(text)) extra.push({ type: 'CUSTOM', start, end, label: p.name });
  }
  if (extra.length === 0) return builtin;
  const all = [...builtin.map((f) => ({ f, builtin: true })), ...extra.map((f) => ({ f, builtin: false }))];
  all.sort((a, b) => a.f.start - b.f.start || Number(b.builtin) - Number(a.builtin) || b.f.end - a.f.end);
  const out: PiiFinding[] = [];
  let lastEnd = 0;
  let lastBuiltin = false;
  for (const { f, builtin } of all) {
    if (f.start >= lastEnd) {
      out.push(f);
      lastEnd = f.end;
      lastBuiltin = builtin;
    } else if (builtin && !lastBuiltin) {
      // A built-in finding overlapping an earlier custom one replaces it.
      out.pop();
      while (out.length > 0 && out[out.length - 1].end > f.start) out.pop();
      out.push(f);
      lastEnd = f.end;
      lastBuiltin = true;
    }
  }
  return out;
}

export interface Replaced {
  readonly text: string;
  readonly usedPlaceholders: boolean;
}

/** Replaces the findings (offsets relative to `value`); everything between them is copied as it is. */
export function replaceFindings(value: string, detected: Detected, cfg: CompiledOptions, ctx: RenderContext): Replaced {
  const { findings, values } = detected;
  if (findings.length === 0) return { text: value, usedPlaceholders: false };
  let out = '';
  let last = 0;
  let usedPlaceholders = false;
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    const mode = f.type === 'CUSTOM' ? (cfg.custom.find((c) => c.name === f.label)?.mode ?? cfg.modes.CUSTOM) : (cfg.modeOf.get(f.type) as MaskMode);
    if (mode === 'placeholder') usedPlaceholders = true;
    out += value.slice(last, f.start) + render(f.type, f.label ?? f.type, values[k], mode, ctx);
    last = f.end;
  }
  return { text: out + value.slice(last), usedPlaceholders };
}

/** Placeholders are created on first use so a call that finds nothing allocates no map. */
export class LazyPlaceholders implements RenderContext {
  private map: PlaceholderMap | undefined;

  public constructor(
    given: PlaceholderMap | undefined,
    private readonly create: () => PlaceholderMap,
    public readonly hashKey?: Uint8Array,
  ) {
    this.map = given;
  }

  public get placeholders(): PlaceholderMap {
    return (this.map ??= this.create());
  }

  public get existing(): PlaceholderMap | undefined {
    return this.map;
  }
}
