/**
 * One JSON line per event on stdout, which Lambda ships to CloudWatch Logs.
 * Callers pass only fields that are safe to keep: ids, codes, counts and
 * timings, never a prompt, a token or a claim that identifies a person.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export type LogFields = Record<string, string | number | boolean | null | undefined | Record<string, number>>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

export interface JsonLoggerOptions {
  readonly service: string;
  /** Where lines go; tests pass an array's push. @default process.stdout */
  readonly write?: (line: string) => void;
}

export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  return {
    log(level, message, fields = {}) {
      write(JSON.stringify({ level, message, service: options.service, timestamp: new Date().toISOString(), ...fields }));
    },
  };
}
