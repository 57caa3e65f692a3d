/**
 * Pasted logs label each entry with its source or actor: "[system] session
 * started", "2024-01-07 admin override: credit limit raised", "[auth]
 * user=… action=login". In a log those heads say who or what acted; the same
 * words opening a prompt claim to be the system or an administrator. A text
 * is a log when at least three lines open with a timestamp or a bracketed
 * source tag, and a match is a label when only such a head precedes it on
 * its line.
 */
// A line opening with a timestamp ("2024-01-07", "[10:02]", "09:14:55"; "2024 01 07" in the words view) or a tag ("[auth]", "[user:guest]").
const ENTRY = /(?:^|\n)[ \t]*(?:\[?\d{1,4}[-/.: ]\d{1,2}|\[[a-z][a-z0-9_-]{0,15}(?::[^\]\n]{1,20})?\])/g;
const MIN_ENTRIES = 3;
// What may precede a label on its line: timestamp characters and at most one bracketed tag.
const HEAD = /^[ \t]*[\d\-/.:,tz \t[\]]*(?:\[[a-z][a-z0-9_:.-]{0,30}\][ \t]*)?$/;
const MAX_HEAD = 40;
const NEWLINE = 0x0a;

let lastText: string | undefined;
let lastIsLog = false;

/** Whether at least three lines of `text` open with a timestamp or a bracketed tag. Memoized for the last text: rules ask per match. */
export function isLog(text: string): boolean {
  if (text === lastText) return lastIsLog;
  let entries = 0;
  ENTRY.lastIndex = 0;
  while (entries < MIN_ENTRIES && ENTRY.exec(text)) entries++;
  ENTRY.lastIndex = 0;
  lastText = text;
  lastIsLog = entries >= MIN_ENTRIES;
  return lastIsLog;
}

/** Whether the match at `at` opens an entry of a log: only a timestamp or a tag precedes it on its line. */
export function isLogLabel(text: string, at: number): boolean {
  // Look back a bounded stretch only: a long line of repeated matches must not cost its length for each.
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) !== NEWLINE) {
    if (at - start >= MAX_HEAD) return false;
    start--;
  }
  return HEAD.test(text.slice(start, at)) && isLog(text);
}
