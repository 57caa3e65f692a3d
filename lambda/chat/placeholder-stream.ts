/**
 * Restores the caller's placeholders in streamed text: `<EMAIL_1>` may arrive
 * as `<EMA` and `IL_1>`, so a tail that could still become a placeholder is
 * held back (at most 65 characters, the longest tag restorePlaceholders
 * reads) and everything before it is restored now. For any split of a text,
 * the concatenated output equals restorePlaceholders(whole text, map): only
 * restorable entries of the map, that is the caller's own values, come back.
 */
import { restorePlaceholders, type PlaceholderMap } from '../pii-masking';

/** restorePlaceholders reads at most this many tag characters after `<`. */
const MAX_TAG = 64;

function isTagChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

export class PlaceholderRestorer {
  private held = '';

  public constructor(private readonly map: PlaceholderMap) {}

  public push(chunk: string): string {
    const text = this.held + chunk;
    const keep = undecidedTail(text);
    this.held = text.slice(keep);
    return keep === 0 ? '' : restorePlaceholders(text.slice(0, keep), this.map);
  }

  public flush(): string {
    const rest = this.held;
    this.held = '';
    return rest === '' ? '' : restorePlaceholders(rest, this.map);
  }
}

/**
 * Where an unfinished `<TAG` starts: the last `<` followed only by tag
 * characters, and few enough that a `>` could still close it. Text before it
 * restores the same whatever follows, since no placeholder runs across a `<`.
 */
function undecidedTail(text: string): number {
  const lt = text.lastIndexOf('<');
  if (lt < 0 || text.length - lt - 1 > MAX_TAG) return text.length;
  for (let j = lt + 1; j < text.length; j++) if (!isTagChar(text.charCodeAt(j))) return text.length;
  return lt;
}
