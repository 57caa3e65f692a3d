/**
 * One string through the proxy's masker: normalised the way the request
 * validator normalises the prompt, masked with the model's options
 * (placeholder mode unless configured otherwise), and the replacements put into the ORIGINAL text, so that outside findings the
 * caller (or the model) gets exactly what was written. Should the map back
 * be unclear, the masked normalised text is handed on instead: never text
 * the masker has not read.
 */
import { maskPii, type MaskOptions, type PiiFinding, type PiiType, type PlaceholderEntry, type PlaceholderMap } from '../pii-masking';
import { redact } from '../pii-masking/mask-modes';
import { normalizedView, type NormalizedView } from './normalized-offsets';

export interface MaskedString {
  readonly text: string;
  readonly findings: readonly PiiFinding[];
}

/** Thrown when masking could not complete: the proxy then fails the request closed. */
export class MaskingFailedError extends Error {
  public constructor() {
    super('PII masking failed');
    this.name = 'MaskingFailedError';
  }
}

/**
 * What the proxy masks with: one `defaultMode` for every type and custom
 * pattern (no per-type modes), so each finding's replacement is known.
 */
export type ProxyMaskOptions = Omit<MaskOptions, 'modes' | 'placeholders' | 'hashKey'> & { readonly defaultMode: 'placeholder' | 'redact' };

const PLACEHOLDERS_ONLY: ProxyMaskOptions = { defaultMode: 'placeholder' };

export function maskNormalized(original: string, placeholders: PlaceholderMap, options: ProxyMaskOptions = PLACEHOLDERS_ONLY): MaskedString {
  const view = normalizedView(original);
  const issued = new IssuedPlaceholders(placeholders);
  const result = maskPii(view.text, { ...options, placeholders: issued });
  if (result.failedClosed) throw new MaskingFailedError();
  const { findings } = result;
  if (findings.length === 0) return { text: original, findings };
  if (view.text === original) return { text: result.text, findings };
  const replacements = options.defaultMode === 'placeholder' ? issued.list : findings.map((f) => redact(f.label ?? f.type));
  const spliced = splice(original, view, findings, replacements, result.text);
  return { text: spliced ?? result.text, findings };
}

/**
 * The original with each finding's span replaced by its placeholder, or
 * undefined unless the same replacements in the normalised text give exactly
 * the masker's own output (which proves they are the masker's replacements).
 */
function splice(
  original: string, view: NormalizedView, findings: readonly PiiFinding[], replacements: readonly string[], masked: string,
): string | undefined {
  if (replacements.length !== findings.length) return undefined;
  let check = '';
  let out = '';
  let lastNormalized = 0;
  let lastOriginal = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const span = view.originalSpan(f.start, f.end);
    if (!span) return undefined;
    check += view.text.slice(lastNormalized, f.start) + replacements[i];
    lastNormalized = f.end;
    // Widened spans of neighbouring findings can overlap; the earlier one keeps the shared characters.
    const from = Math.max(span[0], lastOriginal);
    out += original.slice(lastOriginal, from) + replacements[i];
    lastOriginal = Math.max(span[1], from);
  }
  check += view.text.slice(lastNormalized);
  return check === masked ? out + original.slice(lastOriginal) : undefined;
}

/** The request's placeholder map, noting each placeholder the masker asks for, in order. */
class IssuedPlaceholders implements PlaceholderMap {
  public readonly list: string[] = [];

  public constructor(private readonly map: PlaceholderMap) {}

  public placeholderFor(type: PiiType, value: string, label?: string): string {
    const placeholder = this.map.placeholderFor(type, value, label);
    this.list.push(placeholder);
    return placeholder;
  }

  public originalOf(placeholder: string): string | undefined {
    return this.map.originalOf(placeholder);
  }

  public seal(): void {
    this.map.seal();
  }

  public get size(): number {
    return this.map.size;
  }

  public entries(): readonly PlaceholderEntry[] {
    return this.map.entries();
  }

  /** Keeps originals out of logs, as the map itself does. */
  public toJSON(): { size: number } {
    return { size: this.map.size };
  }
}
