import fc from 'fast-check';
import { encodeSseComment, encodeSseEvent, encodeSseJson, SSE_DONE } from '../../../lambda/chat/sse-encoder';
import { SseLineTooLongError, SseParser, type ParsedSseEvent } from '../../../lambda/chat/sse-parser';

/** The stream cut at the given offsets (sorted, deduplicated, within the text). */
function split(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const c of at) {
    parts.push(text.slice(last, c));
    last = c;
  }
  parts.push(text.slice(last));
  return parts;
}

function parseAll(parts: Array<string | Uint8Array>): ParsedSseEvent[] {
  const parser = new SseParser();
  const events = parts.flatMap((p) => parser.push(p));
  return [...events, ...parser.end()];
}

describe('server-sent events', () => {
  test('encodes one data line per payload line and a blank line after', () => {
    expect(encodeSseJson({ a: 'x\ny' })).toBe('data: {"a":"x\\ny"}\n\n');
    expect(encodeSseEvent({ data: 'one\r\ntwo\rthree', event: 'note' })).toBe('event: note\ndata: one\ndata: two\ndata: three\n\n');
    expect(encodeSseComment('keep\nalive')).toBe(': keep alive\n\n');
    expect(SSE_DONE).toBe('data: [DONE]\n\n');
  });

  test('reads fields, comments, multi-line data, ids and every line ending', () => {
    const stream = '\ufeff: hello\r\nevent: delta\rdata: a\r\ndata:b\n\ndata\nid: 7\n\nretry: 5\nfoo: bar\n\ndata: tail-without-blank-line';
    expect(parseAll([stream])).toEqual([
      { event: 'delta', data: 'a\nb' },
      { event: 'message', data: '', id: '7' },
    ]);
  });

  test('any split of any stream gives the same events, also as UTF-8 bytes split inside characters', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 20 }).map((s) => `data: ${s.replace(/[\r\n]/g, ' ')}`),
      fc.constantFrom(': comment', 'event: x', 'id: 3', '', 'data', 'data:é中😀', 'retry: 1'),
    );
    const eol = fc.constantFrom('\n', '\r', '\r\n');
    const stream = fc.array(fc.tuple(line, eol), { maxLength: 30 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
    fc.assert(fc.property(stream, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
      const whole = parseAll([text]);
      expect(parseAll(split(text, cuts))).toEqual(whole);
      const bytes = Buffer.from(text, 'utf8');
      const byteParts = split(bytes.toString('latin1'), cuts).map((p) => new Uint8Array(Buffer.from(p, 'latin1')));
      expect(parseAll(byteParts)).toEqual(whole);
    }), { numRuns: 1000 });
  });

  test('what the encoder writes, the parser reads back', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 6 }), (payloads, cuts) => {
      const text = payloads.map((data) => encodeSseEvent({ data })).join('');
      const expected = payloads.map((data) => ({ event: 'message', data: data.split(/\r\n|\r|\n/).join('\n') }));
      expect(parseAll(split(text, cuts))).toEqual(expected);
    }));
  });

  test('a CR at the end of a chunk and an LF after an empty chunk are one line break', () => {
    expect(parseAll(['data: a\r', '', new Uint8Array([0xe4]), '\n', '\ndata: b\n\n']))
      .toEqual([{ event: 'message', data: 'a' }, { event: 'message', data: 'b' }]);
  });

  test('fails when a line grows past the limit, across chunks', () => {
    const parser = new SseParser(16);
    parser.push('data: 0123456');
    expect(() => parser.push('789abcdef')).toThrow(SseLineTooLongError);
  });
});
