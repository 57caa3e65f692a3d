import { classifyLogMessage } from '../../../lambda/waf-auto-block/log-verdict';
import { authorizerLine, wafLog } from './support/events';

const NONE = new Set<string>();

describe('classifyLogMessage', () => {
  it('counts a WAF block against the client address', () => {
    expect(classifyLogMessage(wafLog('203.0.113.9'), 5000, NONE)).toEqual({ kind: 'offense', ip: { family: 4, groups: [0xcb00, 0x7109] }, timestampMs: 5000 });
  });

  it.each(['ALLOW', 'COUNT', 'CAPTCHA', 'CHALLENGE'])('does not count WAF action %s', (action) => {
    expect(classifyLogMessage(wafLog('203.0.113.9', action), 5000, NONE)).toEqual({ kind: 'benign' });
  });

  it('does not count blocks by an ignored rule', () => {
    const verdict = classifyLogMessage(wafLog('203.0.113.9', 'BLOCK', 'auto-block'), 5000, new Set(['auto-block']));
    expect(verdict).toEqual({ kind: 'ignoredRule' });
  });

  it.each(['Deny', 'Unauthorized'])('counts an authorizer %s against the source address', (decision) => {
    const verdict = classifyLogMessage(authorizerLine('2001:db8::7', decision), 5000, NONE);
    expect(verdict).toMatchObject({ kind: 'offense', ip: { family: 6 } });
  });

  it('does not count an authorizer Allow', () => {
    expect(classifyLogMessage(authorizerLine('198.51.100.1', 'Allow'), 5000, NONE)).toEqual({ kind: 'benign' });
  });

  it("falls back to the record's own timestamp (epoch ms for WAF, ISO 8601 for the authorizer)", () => {
    expect(classifyLogMessage(wafLog('203.0.113.9'), undefined, NONE)).toMatchObject({ timestampMs: 1_700_000_000_000 });
    expect(classifyLogMessage(authorizerLine('203.0.113.9'), undefined, NONE)).toMatchObject({ timestampMs: Date.parse('2023-11-14T22:13:20.000Z') });
  });

  it('reports an offense whose address does not parse as an invalid address', () => {
    expect(classifyLogMessage(wafLog('999.1.1.1'), 5000, NONE)).toEqual({ kind: 'invalidIp' });
    expect(classifyLogMessage(authorizerLine('unknown'), 5000, NONE)).toEqual({ kind: 'invalidIp' });
  });

  it.each([
    ['text that is not JSON', 'START RequestId: 1 Version: $LATEST'],
    ['a JSON array', '[1,2]'],
    ['JSON in neither format', '{"level":"INFO","message":"cold start"}'],
    ['a WAF block without clientIp', JSON.stringify({ action: 'BLOCK', httpRequest: {} })],
    ['a WAF record with an unknown action', JSON.stringify({ action: 'TARPIT', httpRequest: { clientIp: '1.2.3.4' } })],
    ['a deny without sourceIp', JSON.stringify({ decision: 'Deny' })],
    ['a deny whose sourceIp is not a string', JSON.stringify({ decision: 'Deny', sourceIp: 16909060 })],
    ['an unknown decision', JSON.stringify({ decision: 'Maybe', sourceIp: '1.2.3.4' })],
  ])('reports %s as malformed', (_, message) => {
    expect(classifyLogMessage(message, 5000, NONE)).toEqual({ kind: 'malformed' });
  });

  it('reports an offense with no timestamp anywhere as malformed', () => {
    const message = JSON.stringify({ decision: 'Deny', sourceIp: '1.2.3.4' });
    expect(classifyLogMessage(message, undefined, NONE)).toEqual({ kind: 'malformed' });
  });
});
