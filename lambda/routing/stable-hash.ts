/**
 * FNV-1a over UTF-16 code units, as a number in [0, 1): the same input gives
 * the same number in every function instance, so sticky choices need no
 * shared state. Not a security boundary: a caller who could pick its own
 * principal could only pick its own version among those it may use.
 */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // One more avalanche round: short inputs that differ only in their last character land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000;
}
