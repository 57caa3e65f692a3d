/**
 * A cached answer on its way to the caller. The cached text is masked (it
 * holds placeholders of the caller who first asked, never values), and it
 * goes through this call's masker and restorer like a fresh answer would:
 * only this caller's own values come back (their placeholders are numbered
 * like the first caller's, since the masked requests are equal), PII the
 * model produced stays masked, and an entry that somehow held a value would
 * be masked before it left.
 */
import type { ChatPiiCall, MaskedString } from './chat-guards';

/** Streamed hits go out in pieces of about this many characters, like a model's deltas do. */
export const CACHED_STREAM_PIECE_CHARS = 64;

/** The whole answer for a buffered call. */
export function renderCachedAnswer(pii: ChatPiiCall, text: string): MaskedString {
  const masked = pii.maskAnswer(text);
  return { text: pii.restores ? pii.restore(masked.text) : masked.text, findings: masked.findings };
}

/** The answer's content deltas for a streamed call, through the streaming masker and restorer; all computed before a byte is sent. */
export function renderCachedStream(
  pii: ChatPiiCall, text: string,
): { readonly pieces: readonly string[]; readonly findings: Readonly<Record<string, number>> } {
  const masker = pii.answerMasker();
  const restorer = pii.restorer();
  const pieces: string[] = [];
  const emit = (out: string) => {
    if (out !== '') pieces.push(out);
  };
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + CACHED_STREAM_PIECE_CHARS);
    // Never split a surrogate pair between two deltas.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    emit(restorer.push(masker.push(text.slice(at, end))));
    at = end;
  }
  emit(restorer.push(masker.flush()) + restorer.flush());
  return { pieces, findings: masker.findings };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
