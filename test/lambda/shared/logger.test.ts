import { createJsonLogger } from '../../../lambda/shared/logger';

describe('the JSON logger', () => {
  test('writes one JSON line per event with level, message, service and the fields', () => {
    const lines: string[] = [];
    createJsonLogger({ service: 'test', write: (line) => lines.push(line) }).log('INFO', 'decided', { decision: 'Deny', latencyMs: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'INFO', message: 'decided', service: 'test', decision: 'Deny', latencyMs: 3 });
  });

  test('in Lambda, logs through Powertools as JSON with the request id once the context is added', () => {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    // Powertools writes warnings and errors to stderr, the rest to stdout.
    const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      const logger = createJsonLogger({ service: 'model-proxy' });
      logger.addContext?.({ awsRequestId: 'req-123' });
      logger.log('WARN', 'model invocation', { status: 429, piiPrompt: { EMAIL: 1 } });
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    const line = JSON.parse(written.join('').trim().split('\n').pop()!);
    expect(line).toMatchObject({
      level: 'WARN', message: 'model invocation', service: 'model-proxy', requestId: 'req-123', status: 429, piiPrompt: { EMAIL: 1 },
    });
    expect(typeof line.timestamp).toBe('string');
  });
});
