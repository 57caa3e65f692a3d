/**
 * Inputs built to hurt a scanner: long runs of the characters that trigger
 * detectors, with nothing valid in them. A linear scanner handles each in
 * time close to clean text of the same size.
 */
import type { Rng } from './values';

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export function adversarialInputs(size: number, f: Rng): Array<[string, string]> {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let base64 = '';
  while (base64.length < size) base64 += b64[f.number.int({ min: 0, max: 63 })];
  const pieces = ['@', 'a.', '1', '-', ' ', ':', '::', 'A', 'Aa ', '+1', '(', '9', 'x@y', '.', '=', '_', 'eyJ', 'AKIA', 'DE89', '-----BEGIN '];
  let mixed = '';
  while (mixed.length < size) mixed += pieces[f.number.int({ min: 0, max: pieces.length - 1 })].repeat(f.number.int({ min: 1, max: 40 }));
  return [
    ['@ run', repeatTo('@', size)],
    ['digits', repeatTo('1234567890', size)],
    ['a. run', repeatTo('a.', size)],
    ['separators', repeatTo('1-2 3.4/5:6(7)', size)],
    ['base64', base64],
    ['mixed runs', mixed.slice(0, size)],
    ['capitals', repeatTo('Ab Cd. ', size)],
    ['colons/hex', repeatTo('a1:', size)],
  ];
}

/** Prose of the same size without anything that looks like PII. */
export function cleanText(size: number, f: Rng): string {
  let s = '';
  while (s.length < size) s += `${f.hacker.phrase()} ${f.lorem.sentence()} `;
  return s.slice(0, size);
}
