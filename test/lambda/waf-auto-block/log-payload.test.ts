import { gzipSync } from 'node:zlib';
import { decodeSubscriptionData } from '../../../lambda/waf-auto-block/log-payload';
import { encodeLogsPayload, logsEvent } from './support/events';

describe('decodeSubscriptionData', () => {
  it('reads the log events of a data message', () => {
    const decoded = decodeSubscriptionData(logsEvent(['a', 'b'], 1234).awslogs.data);
    expect(decoded).toEqual({ kind: 'data', malformed: 0, logEvents: [{ message: 'a', timestamp: 1234 }, { message: 'b', timestamp: 1234 }] });
  });

  it('recognises the control messages CloudWatch Logs sends to check the destination', () => {
    const data = encodeLogsPayload({
      messageType: 'CONTROL_MESSAGE',
      logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda.' }],
    }).awslogs.data;
    expect(decodeSubscriptionData(data)).toEqual({ kind: 'control' });
  });

  it('counts entries without a string message and keeps the rest', () => {
    const data = encodeLogsPayload({
      messageType: 'DATA_MESSAGE',
      logEvents: [{ message: 'ok' }, { message: 7 }, null, 'text', { timestamp: 'x', message: 'ok2' }],
    }).awslogs.data;
    expect(decodeSubscriptionData(data)).toEqual({
      kind: 'data',
      malformed: 3,
      logEvents: [{ message: 'ok', timestamp: undefined }, { message: 'ok2', timestamp: undefined }],
    });
  });

  it.each([
    ['not base64', '!!!not base64!!!', 'base64'],
    ['empty', '', 'base64'],
    ['not a string', 42, 'base64'],
    ['base64 of something that is not gzip', Buffer.from('plain text').toString('base64'), 'gzip'],
    ['gzip of something that is not JSON', gzipSync(Buffer.from('{nope')).toString('base64'), 'json'],
    ['JSON without logEvents', gzipSync(Buffer.from('{"messageType":"DATA_MESSAGE"}')).toString('base64'), 'shape'],
    ['a JSON string', gzipSync(Buffer.from('"text"')).toString('base64'), 'shape'],
  ])('rejects a payload that is %s', (_, data, reason) => {
    expect(decodeSubscriptionData(data)).toEqual({ kind: 'malformed', reason });
  });

  it('rejects a payload that decompresses beyond the size cap instead of exhausting memory', () => {
    const bomb = gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x20)).toString('base64');
    expect(decodeSubscriptionData(bomb)).toEqual({ kind: 'malformed', reason: 'gzip' });
  });
});
