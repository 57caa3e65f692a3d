import { maskPii, type MaskOptions } from '../../../lambda/pii-masking';

/** The findings of `text` as [type, matched text] pairs, in order. */
export function found(text: string, options?: MaskOptions): Array<[string, string]> {
  return maskPii(text, options).findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

/** The matched texts of one type. */
export function foundOf(type: string, text: string, options?: MaskOptions): string[] {
  return found(text, options)
    .filter(([t]) => t === type)
    .map(([, v]) => v);
}
