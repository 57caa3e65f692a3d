/**
 * An incremental server-sent events reader (the WHATWG event-stream rules)
 * for what OpenAI-compatible servers (vLLM, TGI) stream: lines end in LF, CR
 * or CRLF, and a chunk may end anywhere, inside a line, a field name, between
 * the CR and the LF of one line break, or inside a UTF-8 sequence. Comments
 * and unknown fields are skipped; `data:` lines of one event are joined with
 * LF. A line longer than the limit fails the stream rather than buffer
 * without end.
 */

export interface ParsedSseEvent {
  /** `message` when the event named none. */
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

export class SseLineTooLongError extends Error {
  public constructor() {
    super('server-sent event line too long');
    this.name = 'SseLineTooLongError';
  }
}

/** Longest line kept (characters): far above any chunk a model server sends. */
export const DEFAULT_MAX_SSE_LINE = 1 << 20;

export class SseParser {
  private line = '';
  /** The last chunk ended in CR: an LF that starts the next one belongs to the same line break. */
  private afterCr = false;
  private data: string[] = [];
  private eventName = '';
  private lastId: string | undefined;
  private started = false;
  private readonly decoder = new TextDecoder('utf-8');

  public constructor(private readonly maxLine = DEFAULT_MAX_SSE_LINE) {}

  /** Reads a chunk; returns the events it completed. */
  public push(chunk: string | Uint8Array): ParsedSseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const events: ParsedSseEvent[] = [];
    // An empty piece (a UTF-8 sequence still incomplete) must not forget a CR that ended the last one.
    if (text === '') return events;
    let i = 0;
    if (this.afterCr && text.charCodeAt(0) === 0x0a) i = 1;
    this.afterCr = false;
    let from = i;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.line += text.slice(from, i);
      this.takeLine(events);
      if (c === 0x0d) {
        if (i + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(i + 1) === 0x0a) i++;
      }
      from = i + 1;
    }
    this.line += text.slice(from);
    if (this.line.length > this.maxLine) throw new SseLineTooLongError();
    return events;
  }

  /** The stream ended: an event without its closing blank line is dropped, as the standard says. */
  public end(): ParsedSseEvent[] {
    this.push(this.decoder.decode());
    this.line = '';
    this.data = [];
    this.eventName = '';
    return [];
  }

  private takeLine(events: ParsedSseEvent[]): void {
    let line = this.line;
    this.line = '';
    if (line.length > this.maxLine) throw new SseLineTooLongError();
    if (!this.started) {
      this.started = true;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 0x3a) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\u0000')) this.lastId = value;
  }

  private dispatch(events: ParsedSseEvent[]): void {
    if (this.data.length > 0) {
      const event = this.eventName === '' ? 'message' : this.eventName;
      events.push(this.lastId === undefined ? { event, data: this.data.join('\n') } : { event, data: this.data.join('\n'), id: this.lastId });
    }
    this.data = [];
    this.eventName = '';
  }
}
