// The gateway responses and the handlers share one vocabulary of error codes.
export { ErrorCode } from '../../lib/api/error-codes';
