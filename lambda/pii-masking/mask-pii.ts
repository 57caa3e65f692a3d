import { scan } from './scanner';
import { ALL_TYPES_MASK } from './scan-state';
import type { MaskOptions, MaskResult, PiiFinding } from './types';

export function maskPii(text: string, _options?: MaskOptions): MaskResult {
  const findings: PiiFinding[] = scan(text, ALL_TYPES_MASK);
  let out = '';
  let last = 0;
  for (const f of findings) {
    out += text.slice(last, f.start) + `[${f.type}]`;
    last = f.end;
  }
  return { text: out + text.slice(last), findings };
}
