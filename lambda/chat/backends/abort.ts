/**
 * Abort handling shared by the chat backends. The SDKs and node:http stop a
 * request when its signal fires, but what a half-read body does then differs
 * (an error, a quiet end, or nothing at all), so every wait on a backend is
 * raced against the signal: an aborted call settles at once, whatever the
 * transport does.
 */
import { ModelCallError } from '../../model-proxy/model-client';
import { safeErrorName } from '../../shared/error-name';

/** What an aborted call throws: the signal's own ModelCallError when it carries one, otherwise a timeout. */
export function abortFailure(signal: AbortSignal): ModelCallError {
  const reason: unknown = signal.reason;
  if (reason instanceof ModelCallError) return reason;
  return new ModelCallError('timeout', { backendCode: safeErrorName(reason, 'AbortError') });
}

/** `promise`, or `abortFailure` as soon as the signal fires, whichever comes first. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The loser's rejection must not go unhandled.
    promise.catch(() => undefined);
    return Promise.reject(abortFailure(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortFailure(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/**
 * A signal that fires with `parent`, and also when the stream's consumer lets
 * go early (`release`): the transport then drops the connection instead of
 * reading an answer nobody wants.
 */
export interface StreamAbort {
  readonly signal: AbortSignal;
  /** Drops the request unless it finished; always unhooks from the parent. */
  release(finished: boolean): void;
}

export function linkAbort(parent: AbortSignal): StreamAbort {
  const own = new AbortController();
  const onAbort = () => own.abort(parent.reason);
  if (parent.aborted) own.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: own.signal,
    release(finished) {
      parent.removeEventListener('abort', onAbort);
      if (!finished && !own.signal.aborted) own.abort(new ModelCallError('failed', { backendCode: 'Released' }));
    },
  };
}

/**
 * The error a backend call ends with: our own classified errors as they are,
 * the abort's failure when the signal fired, otherwise the backend's error
 * classified by `classify` (which keeps its name, never its message).
 */
export function toModelCallError(err: unknown, signal: AbortSignal, classify: (err: unknown) => ModelCallError): ModelCallError {
  if (err instanceof ModelCallError) return err;
  if (signal.aborted) return abortFailure(signal);
  return classify(err);
}
