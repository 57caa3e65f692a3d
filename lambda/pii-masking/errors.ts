/**
 * Configuration errors, raised when options are compiled (at cold start in a
 * handler), never while masking. Messages name the option and the problem,
 * never a value that was being masked.
 */
export type PiiConfigErrorCode =
  | 'InvalidType'
  | 'InvalidMode'
  | 'MissingHashKey'
  | 'InvalidAllowlist'
  | 'InvalidCustomPattern'
  | 'UnsafeCustomPattern';

export class PiiConfigError extends Error {
  public constructor(
    public readonly code: PiiConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PiiConfigError';
  }
}
