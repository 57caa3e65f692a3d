/**
 * Placeholder numbering for one request. The model proxy masks the prompt in
 * placeholder mode, sends `<EMAIL_1>` to the model, masks the model's answer
 * with the same map (a value the caller sent gets its old placeholder back),
 * and restores the placeholders before answering the caller. After `seal()`,
 * values seen for the first time (PII the model produced) still get
 * placeholders but are not restored.
 */
import type { PiiType, PlaceholderEntry, PlaceholderMap } from './types';

class RequestPlaceholderMap implements PlaceholderMap {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, PlaceholderEntry>();
  private readonly counters = new Map<string, number>();
  private sealed = false;

  public placeholderFor(type: PiiType, value: string, label?: string): string {
    const tag = label ?? type;
    const key = `${tag}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    const n = (this.counters.get(tag) ?? 0) + 1;
    this.counters.set(tag, n);
    const placeholder = `<${tag}_${n}>`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, { placeholder, type, value, restorable: !this.sealed });
    return placeholder;
  }

  public originalOf(placeholder: string): string | undefined {
    const e = this.byPlaceholder.get(placeholder);
    return e && e.restorable ? e.value : undefined;
  }

  public seal(): void {
    this.sealed = true;
  }

  public get size(): number {
    return this.byPlaceholder.size;
  }

  public entries(): readonly PlaceholderEntry[] {
    return [...this.byPlaceholder.values()];
  }

  /** Keeps placeholders and originals out of logs and JSON dumps. */
  public toJSON(): { size: number } {
    return { size: this.size };
  }
}

/** A new, empty map for one request. */
export function createPlaceholderMap(): PlaceholderMap {
  return new RequestPlaceholderMap();
}

function isTagChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/**
 * Puts the originals back for every `<TAG_n>` the map knows and may restore.
 * Unknown or sealed placeholders stay as they are. One pass over `text`.
 */
export function restorePlaceholders(text: string, map: PlaceholderMap): string {
  if (typeof text !== 'string' || map.size === 0) return typeof text === 'string' ? text : '';
  let out = '';
  let last = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    let j = i + 1;
    while (j < text.length && j - i <= 64 && isTagChar(text.charCodeAt(j))) j++;
    if (j < text.length && text.charCodeAt(j) === 0x3e && j > i + 2) {
      const original = map.originalOf(text.slice(i, j + 1));
      if (original !== undefined) {
        out += text.slice(last, i) + original;
        last = j + 1;
      }
    }
    i = text.indexOf('<', Math.max(j, i + 1));
  }
  return last === 0 ? text : out + text.slice(last);
}
