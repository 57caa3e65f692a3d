/**
 * How an OpenAI-compatible chat body reaches a model server and its answer
 * comes back: one implementation per backend kind (SageMaker runtime, plain
 * HTTP). The chat backend writes the body and reads the answer; a transport
 * only carries bytes and classifies its own failures.
 */
export interface OpenAiChatTransport {
  /** The whole answer body. Throws `ModelCallError`. */
  complete(body: string, signal: AbortSignal): Promise<string>;
  /**
   * The answer's bytes (server-sent events) as they arrive; nothing is sent
   * before the first `next()`. Throws `ModelCallError`. An abort of `signal`
   * drops the connection.
   */
  stream(body: string, signal: AbortSignal): AsyncIterable<Uint8Array>;
}
