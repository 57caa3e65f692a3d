/**
 * Character look-alikes that survive NFKC. Cyrillic and Greek letters that
 * look Latin are mapped only inside words that are not really Cyrillic or
 * Greek (see fold.ts); the rest have no other reading in running text.
 */
export const SCRIPT_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ѵ: 'v', ү: 'y', ь: 'b',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ω: 'w',
};

/** Letters with no NFKC decomposition that still read as Latin letters. */
export const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ß: 'ss', ı: 'i', ɡ: 'g', ɑ: 'a', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ħ: 'h', ŀ: 'l',
  // Small capitals, used to dodge case-sensitive filters.
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  // Punctuation that would otherwise split or hide words.
  '\u2018': "'", '\u2019': "'", '\u201B': "'", '\u02BC': "'", '\u00B4': "'", '\u0060': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u3002': '.', '\uFF61': '.',
};

/** Leetspeak digits and symbols; `1` reads as `i` unless `l` makes a known word. */
export const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's',
};

// Enclosed and regional-indicator letters (astral, no NFKC decomposition) map by offset.
const LETTER_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x1f130, 0x1f149], // squared (NFKC covers most, not all fonts agree)
  [0x1f150, 0x1f169], // negative circled
  [0x1f170, 0x1f189], // negative squared
  [0x1f1e6, 0x1f1ff], // regional indicators
];

/** The Latin letter an enclosed or regional-indicator symbol stands for, if any. */
export function enclosedLetter(cp: number): string | undefined {
  for (const [start, end] of LETTER_BLOCKS) {
    if (cp >= start && cp <= end) return String.fromCharCode(0x61 + cp - start);
  }
  return undefined;
}
