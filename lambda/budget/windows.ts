/**
 * The calendar windows a budget counts in, all in UTC: the minute, the day
 * and the month that contain a moment. Fixed windows, so every function
 * instance agrees on them without talking to the others.
 */
export type WindowName = 'minute' | 'day' | 'month';

export interface Windows {
  /** Epoch seconds of each window's start and end (exclusive). */
  readonly minuteStart: number;
  readonly minuteEnd: number;
  readonly dayStart: number;
  readonly dayEnd: number;
  readonly monthStart: number;
  readonly monthEnd: number;
  /** `YYYY-MM`, part of the item key. */
  readonly monthKey: string;
}

export function windowsAt(nowMs: number): Windows {
  const minuteStart = Math.floor(nowMs / 60_000) * 60;
  const dayStart = Math.floor(nowMs / 86_400_000) * 86_400;
  const date = new Date(nowMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    minuteStart,
    minuteEnd: minuteStart + 60,
    dayStart,
    dayEnd: dayStart + 86_400,
    monthStart: Date.UTC(year, month, 1) / 1000,
    monthEnd: Date.UTC(year, month + 1, 1) / 1000,
    monthKey: `${year}-${String(month + 1).padStart(2, '0')}`,
  };
}

export function windowEnd(windows: Windows, name: WindowName): number {
  return name === 'minute' ? windows.minuteEnd : name === 'day' ? windows.dayEnd : windows.monthEnd;
}

/** OpenAI's duration form of `x-ratelimit-reset-tokens`: `59s`, `6m0s`, `23h59m1s`, `250ms`. */
export function resetDuration(ms: number): string {
  const clamped = Math.max(0, Math.ceil(ms));
  if (clamped < 1000) return `${clamped}ms`;
  const seconds = Math.ceil(clamped / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}
