import { maskJson } from '../../../lambda/pii-masking';

describe('maskJson', () => {
  it('masks strings in nested objects and arrays and reports JSON paths', () => {
    const input = { user: { name: 'Jaiden Dickens', contact: ['jaiden@x.io', 'n/a'] }, 'e-mail': 'a@b.io', n: 3 };
    const r = maskJson(input);
    expect(r.value).toEqual({ user: { name: '[PERSON]', contact: ['[EMAIL]', 'n/a'] }, 'e-mail': '[EMAIL]', n: 3 });
    expect(r.findings.map((f) => [f.path, f.type, f.in])).toEqual([
      ['$.user.name', 'PERSON', 'value'],
      ['$.user.contact[0]', 'EMAIL', 'value'],
      ['$["e-mail"]', 'EMAIL', 'value'],
    ]);
  });

  it('reads the property name as context for values that say nothing alone', () => {
    const r = maskJson({ ssn: '478790014', dob: '1962-05-03', passport: 'R92926260', password: 'hunter2!', build: '478790014' });
    expect(r.value).toEqual({ ssn: '*****0014', dob: '[DATE_OF_BIRTH]', passport: '*****6260', password: '[API_SECRET]', build: '478790014' });
  });

  it('replaces a number that is PII in context by the masked string', () => {
    expect(maskJson({ phone: 4155550123, count: 4155550123 }).value).toEqual({ phone: '[PHONE]', count: 4155550123 });
  });

  it('never modifies its input and returns a deep copy', () => {
    const input = { a: { b: ['x@y.io'] }, d: new Date(0) };
    const before = JSON.stringify(input);
    const r = maskJson(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(r.value.a).not.toBe(input.a);
    expect(r.value.d).not.toBe(input.d);
    expect(r.value.d.getTime()).toBe(0);
  });

  it('leaves keys alone unless maskKeys is set, then names masked keys in paths', () => {
    const input = { 'jane@x.org': 1, 'bob@y.org': 2 };
    expect(maskJson(input).value).toEqual(input);
    const r = maskJson(input, { maskKeys: true });
    expect(r.value).toEqual({ '[EMAIL]': 1, '[EMAIL]_2': 2 });
    expect(r.findings.map((f) => [f.in, f.path])).toEqual([
      ['key', '$["[EMAIL]"]'],
      ['key', '$["[EMAIL]_2"]'],
    ]);
  });

  it('copies shared and cyclic references once and keeps them shared', () => {
    const shared = { mail: 'a@b.io' };
    const input: Record<string, unknown> = { x: shared, y: shared };
    input.self = input;
    const r = maskJson(input);
    const out = r.value as Record<string, unknown>;
    expect(out.x).toBe(out.y);
    expect(out.self).toBe(out);
    expect(out.x).toEqual({ mail: '[EMAIL]' });
  });

  it('walks deeply nested documents without overflowing the stack', () => {
    let deep: unknown = 'a@b.io';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let r = maskJson(deep).value;
    for (let i = 0; i < 100_000; i++) r = (r as unknown[])[0];
    expect(r).toBe('[EMAIL]');
  });

  it('keeps primitives and null as they are', () => {
    expect(maskJson(null).value).toBeNull();
    expect(maskJson(true).value).toBe(true);
    expect(maskJson('x@y.io').value).toBe('[EMAIL]');
  });
});
