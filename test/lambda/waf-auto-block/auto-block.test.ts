import { handleAutoBlockEvent } from '../../../lambda/waf-auto-block/auto-block';
import { SUMMARY_ADDRESS_LIST_MAX } from '../../../lambda/waf-auto-block/constants';
import { authorizerLine, encodeLogsPayload, logsEvent, scheduledEvent, wafLog } from './support/events';
import { harness } from './support/harness';

describe('handleAutoBlockEvent', () => {
  it('writes exactly one summary line per invocation', async () => {
    const h = harness({ threshold: 1 });
    await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1'), authorizerLine('192.0.2.2')]), h.deps, h.logger);
    await handleAutoBlockEvent(scheduledEvent(), h.deps, h.logger);
    expect(h.lines).toHaveLength(2);
    const [ingest, sweep] = h.lines.map((line) => JSON.parse(line));
    expect(ingest).toMatchObject({ level: 'INFO', message: 'waf auto-block summary', service: 'waf-auto-block', trigger: 'logs', events: 2, added: 2 });
    expect(ingest.addedAddresses).toBe('192.0.2.1/32 192.0.2.2/32');
    expect(sweep).toMatchObject({ trigger: 'sweep', removed: 0 });
  });

  it('never logs request content from the log lines it reads', async () => {
    const h = harness({ threshold: 1 });
    await handleAutoBlockEvent(logsEvent([wafLog('192.0.2.1'), authorizerLine('192.0.2.2'), '{"prompt": "my card is 4111 1111 1111 1111"']), h.deps, h.logger);
    const line = h.lines.join('\n');
    for (const secret of ['secret-token-value', 'authorization', '/v1/infer', 'token expired', '4111', 'prompt']) {
      expect(line).not.toContain(secret);
    }
  });

  it('keeps the address lists of the summary bounded while the counts stay exact', async () => {
    const h = harness({ threshold: 1 });
    const offenders = Array.from({ length: 100 }, (_, i) => wafLog(`198.51.100.${i}`));
    const result = await handleAutoBlockEvent(logsEvent(offenders), h.deps, h.logger);
    expect(result.added).toBe(100);
    expect(result.addedAddresses).toHaveLength(SUMMARY_ADDRESS_LIST_MAX);
    expect(JSON.parse(h.lines[0]).addedAddresses.split(' ')).toHaveLength(SUMMARY_ADDRESS_LIST_MAX);
  });

  it('ignores CloudWatch Logs control messages without counting them as malformed', async () => {
    const h = harness();
    const result = await handleAutoBlockEvent(encodeLogsPayload({ messageType: 'CONTROL_MESSAGE', logEvents: [] }), h.deps, h.logger);
    expect(result).toMatchObject({ trigger: 'logs', events: 0, malformed: 0 });
  });

  it.each([null, 'text', 42, {}, { 'detail-type': 'Object Created' }])('answers an unknown event %j with a warning and no AWS calls', async (event) => {
    const h = harness();
    const result = await handleAutoBlockEvent(event, h.deps, h.logger);
    expect(result.trigger).toBe('unknown');
    expect(JSON.parse(h.lines[0])).toMatchObject({ level: 'WARN', trigger: 'unknown' });
    expect(h.wafMock.calls()).toHaveLength(0);
    expect(h.dynamoMock.calls()).toHaveLength(0);
  });
});
