import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/**
 * One JSON line per event. Callers pass only fields that are safe to keep:
 * ids, codes, counts and timings, never a prompt, a token or a claim that
 * identifies a person. In Lambda the lines go through Powertools Logger
 * (service name, timestamp, X-Ray trace id, and the request id once a
 * handler calls `addContext`); tests give a `write` function instead.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export type LogFields = Record<string, string | number | boolean | null | undefined | Record<string, number>>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** Adds the invocation's request id (and function facts) to every later line of this invocation. */
  addContext?(context: { readonly awsRequestId: string; readonly functionName?: string }): void;
}

export interface JsonLoggerOptions {
  readonly service: string;
  /** Where lines go; tests pass an array's push. @default - Powertools Logger on stdout */
  readonly write?: (line: string) => void;
}

export function createJsonLogger(options: JsonLoggerOptions): Logger {
  if (options.write === undefined) return powertoolsLogger(options.service);
  const write = options.write;
  return {
    log(level, message, fields = {}) {
      write(JSON.stringify({ level, message, service: options.service, timestamp: new Date().toISOString(), ...fields }));
    },
  };
}

function powertoolsLogger(service: string): Logger {
  const logger = new PowertoolsLogger({ serviceName: service });
  const emit: Record<LogLevel, (message: string, fields: LogFields) => void> = {
    DEBUG: (m, f) => logger.debug(m, f),
    INFO: (m, f) => logger.info(m, f),
    WARN: (m, f) => logger.warn(m, f),
    ERROR: (m, f) => logger.error(m, f),
  };
  return {
    log(level, message, fields = {}) {
      emit[level](message, fields);
    },
    addContext(context) {
      logger.appendKeys({ requestId: context.awsRequestId });
    },
  };
}
