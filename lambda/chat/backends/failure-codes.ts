/**
 * backendCodes the chat backends give their own findings (the backends' own
 * error names are kept as they come, see ModelFailureDetail).
 */

/** The answer is not of the shape the format promises. */
export const UNEXPECTED_RESPONSE = 'UnexpectedResponse';
/** The answer, or one line of a stream, is larger than any real one. */
export const RESPONSE_TOO_LARGE = 'ResponseTooLarge';
