/**
 * A loopback OpenAI-compatible model server (vLLM/TGI style) for leak hunts:
 * it records every request body and answers with the text it was given,
 * as one `chat.completion` when the call is buffered, or as SSE deltas cut
 * exactly where it was told when the call streams.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  readonly stop?: readonly string[];
  readonly stream?: boolean;
}

export interface OpenAiModelServer {
  /** The chat completions URL. */
  readonly url: string;
  readonly bodies: ChatRequestBody[];
  /** The next answers: the deltas to stream (joined when the call is buffered). */
  answerWith(deltas: readonly string[]): void;
  close(): Promise<void>;
}

const USAGE = { prompt_tokens: 40, completion_tokens: 120, total_tokens: 160 };

export async function startOpenAiModelServer(): Promise<OpenAiModelServer> {
  let deltas: readonly string[] = ['Hello.'];
  const bodies: ChatRequestBody[] = [];

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    bodies.push(body);
    if (body.stream !== true) {
      const message = { role: 'assistant', content: deltas.join('') };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'fuzz', object: 'chat.completion', choices: [{ index: 0, message, finish_reason: 'stop' }], usage: USAGE }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (value: unknown) => res.write(`data: ${JSON.stringify(value)}\n\n`);
    send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const content of deltas) send({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    send({ choices: [], usage: USAGE });
    res.end('data: [DONE]\n\n');
  };

  const server: Server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    bodies,
    answerWith: (next) => {
      deltas = next;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
