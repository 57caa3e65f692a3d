/** Seeded claim-style prose, the benchmarks' common prompt and answer text. */

const WORDS = ('claim policy water damage kitchen adjuster estimate premium deductible coverage report repair invoice photo '
  + 'customer address notice inspection roof storm insurer payment date approved pending review section clause').split(' ');
/** Local parts of the e-mail addresses the prose holds. */
export const NAMES = ['jane.doe', 'j.smith', 'mary.major', 'ops-desk', 'a.lopez', 'k.nguyen'];

/** `chars` characters of claim words, with an e-mail address about every `emailEvery` characters (never, if 0). */
export function claimProse(random: () => number, chars: number, emailEvery = 400): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const parts: string[] = [];
  let length = 0;
  let sinceEmail = 0;
  while (length < chars) {
    const part = emailEvery > 0 && sinceEmail > emailEvery ? `${pick(NAMES)}${Math.floor(random() * 100)}@example.com` : pick(WORDS);
    sinceEmail = part.includes('@') ? 0 : sinceEmail + part.length + 1;
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(' ').slice(0, chars);
}
