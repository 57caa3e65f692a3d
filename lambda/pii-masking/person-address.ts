import type { ScanState } from './scan-state';
export class PersonContext {}
export function tryCjkEntity(_st: ScanState, i: number): number { return i + 1; }
export function tryPersonAfterWord(_st: ScanState, _p: PersonContext, _s: number, _e: number, _k: number): number { return -1; }
export function tryPersonAt(_st: ScanState, _p: PersonContext, _s: number, _e: number, _k: number): number { return -1; }
export function tryStreetAddressAtWord(_st: ScanState, _s: number, _e: number, _k: number): number { return -1; }
