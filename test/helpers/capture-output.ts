/**
 * Captures what a handler logs. Powertools Logger writes INFO and DEBUG lines
 * to stdout and WARN and ERROR lines to stderr (Lambda ships both), so both
 * streams are captured, split into JSON lines in the order they were written.
 */
export interface CapturedOutput {
  readonly lines: string[];
  restore(): void;
}

export function captureLogLines(): CapturedOutput {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((line) => line.startsWith('{')));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}
