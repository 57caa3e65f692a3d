/**
 * For random tenants, access scopes and conversations holding PII: a hit
 * happens exactly when the same tenant and scope sent the same masked
 * request before (so no hit crosses tenants or scopes), and every answer
 * holds the caller's own PII values and no one else's.
 */
import fc from 'fast-check';
import { answerText, cachedChatProxy, chat } from './harness';
import { startCacheTable, startKmsStub, type CacheTable, type KmsStub } from './servers';

let table: CacheTable;
let kms: KmsStub;
beforeAll(async () => {
  [table, kms] = await Promise.all([startCacheTable(), startKmsStub()]);
});
afterAll(async () => {
  await Promise.all([table?.close(), kms?.close()]);
});

const TEMPLATES = [
  'Please write to {EMAIL} about claim 42',
  'Call {PHONE} and confirm',
  'Summarise: {EMAIL} asked for a refund, phone {PHONE}',
];
const NAMES = ['ana', 'bo', 'chen', 'dara', 'eli'];

const callArb = fc.record({
  tenant: fc.constantFrom('acme', 'globex', 'initech'),
  scopes: fc.constantFrom('chat:read', 'chat:read chat:write', 'chat:write chat:read', 'admin'),
  versions: fc.constantFrom('', 'v2'),
  template: fc.constantFrom(...TEMPLATES),
  name: fc.constantFrom(...NAMES),
  number: fc.integer({ min: 100, max: 999 }),
  stream: fc.boolean(),
});

const normalizedScopes = (s: string) => [...new Set(s.split(' '))].sort().join(' ');

it('never crosses tenants or access scopes, and never gives one caller another caller\'s PII', async () => {
  let run = 0;
  let crossCallerHits = 0;
  await fc.assert(fc.asyncProperty(fc.array(callArb, { minLength: 2, maxLength: 16 }), async (calls) => {
    run++;
    const { backend, call } = cachedChatProxy(table, kms, { cache: { hmacKeyId: `alias/property-${run}` } });
    const seen = new Map<string, { madeBy: string; email: string }>();
    const values = calls.map((c) => ({ email: `${c.name}.${c.number}@example.com`, phone: `+1 415 555 0${c.number}` }));
    for (const [i, c] of calls.entries()) {
      const own = values[i];
      const prompt = c.template.replace('{EMAIL}', own.email).replace('{PHONE}', own.phone);
      const sink = await call(chat(prompt, { stream: c.stream }), { tenant: c.tenant, scopes: c.scopes, versions: c.versions, principalId: `p${i}` });
      const partition = `${c.tenant}|${normalizedScopes(c.scopes)}|${c.versions}|${c.template}`;
      const status = sink.head?.headers['x-cache'];
      const answer = answerText(sink);
      // The answer names the backend call that made it: a hit must come from this partition's own first call.
      const madeBy = /^Call (\d+):/.exec(answer)?.[1];
      if (seen.has(partition)) {
        expect(status).toBe('hit');
        expect(madeBy).toBe(seen.get(partition)!.madeBy);
        if (seen.get(partition)!.email !== own.email) crossCallerHits++;
      } else {
        expect(status).toBe('miss');
        expect(madeBy).toBe(String(backend.requests.length));
        seen.set(partition, { madeBy: madeBy!, email: own.email });
      }
      expect(answer).toBe(`Call ${madeBy}: noted ${prompt}`);
      for (const other of values) {
        if (other.email !== own.email) expect(answer).not.toContain(other.email);
        if (other.phone !== own.phone) expect(answer).not.toContain(other.phone);
      }
    }
  }), { seed: 1515, numRuns: 60 });
  // The property says something only if hits served entries stored by callers with other values.
  expect(crossCallerHits).toBeGreaterThan(20);
});
