/** A configuration error that is not about one construct's props. */
export class UnscopedValidationErrorLike extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}
