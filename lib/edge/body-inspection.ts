/**
 * The request body sizes API Gateway can forward to WAF for inspection. The
 * first 16 KB are included in the WAF price; each further 16 KB costs extra
 * per request.
 */
export const BODY_INSPECTION_LIMITS: ReadonlyArray<{ readonly bytes: number; readonly setting: string }> = [
  { bytes: 16 * 1024, setting: 'KB_16' },
  { bytes: 32 * 1024, setting: 'KB_32' },
  { bytes: 48 * 1024, setting: 'KB_48' },
  { bytes: 64 * 1024, setting: 'KB_64' },
];

export const MAX_INSPECTABLE_BODY_BYTES = BODY_INSPECTION_LIMITS[BODY_INSPECTION_LIMITS.length - 1].bytes;

/**
 * The smallest inspection limit that covers the whole of every body the
 * size rule lets through. With it, the managed body rules (which inspect
 * only up to the limit and let the rest pass) see every allowed byte, and
 * anything larger than the limit is over the maximum and is blocked by the
 * size rule's oversize handling (MATCH).
 */
export function inspectionLimitFor(maxBodyBytes: number): string {
  const limit = BODY_INSPECTION_LIMITS.find((candidate) => candidate.bytes >= maxBodyBytes);
  if (!limit) throw new RangeError(`no inspection limit covers ${maxBodyBytes} bytes`);
  return limit.setting;
}
