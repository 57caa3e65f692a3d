/**
 * Reading a backend's stream after its answer began. A read that fails with a
 * named error is the backend's (an exception event: throttling, a model
 * error); one that fails with a bare `Error` (a reset connection, an event
 * frame cut in half) means the transport broke before the end marker, which
 * the chat route reports as an incomplete stream.
 */
import { isTimeoutError, ModelCallError } from '../../model-proxy/model-client';
import { safeErrorName } from '../../shared/error-name';
import { STREAM_INCOMPLETE } from '../backend';
import { raceAbort } from './abort';

export type Classify = (err: unknown) => ModelCallError;

export function streamReadFailure(err: unknown, classify: Classify): ModelCallError {
  if (err instanceof ModelCallError) return err;
  if (isTimeoutError(err)) return classify(err);
  const modeled = (err as { $fault?: unknown } | null)?.$fault !== undefined;
  if (modeled || safeErrorName(err) !== 'Error') return classify(err);
  return new ModelCallError('failed', { backendCode: STREAM_INCOMPLETE });
}

/**
 * The next item of a backend stream, raced against the call's signal. Once
 * the backend's end marker has been read (`ended`), an abort only stops the
 * wait for what may still follow it (usage, the close): the answer is whole.
 */
export async function readNext<T>(
  items: AsyncIterator<T>,
  signal: AbortSignal,
  ended: boolean,
  classify: Classify,
): Promise<IteratorResult<T, unknown>> {
  let next: Promise<IteratorResult<T, unknown>>;
  try {
    next = items.next();
  } catch (err) {
    throw streamReadFailure(err, classify);
  }
  try {
    return await raceAbort(next.catch((err: unknown) => {
      throw streamReadFailure(err, classify);
    }), signal);
  } catch (err) {
    if (ended && signal.aborted) return { done: true, value: undefined };
    throw err;
  }
}
