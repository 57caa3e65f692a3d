/**
 * PII leak hunt through the chat completions route as it ships
 * (assets/chat-proxy/index.js, `npm run build` first), next to the invoke
 * route's hunt at the same size: values of every documented PII type, plain
 * and in Unicode disguises, in the system, user and assistant turns and a stop
 * sequence (request→model) and in the model's answer (model→caller), the
 * answer streamed as SSE deltas cut at seeded random places (inside the value
 * too) and buffered (test/helpers/chat-pii-fuzz.ts). Prints leaks per type ×
 * form and field, the streamed, buffered and invoke answers side by side.
 *
 *   npx tsx bench/run.ts chat-pii-fuzz          (or: npm run bench -- chat-pii-fuzz)
 *
 * CHAT_PII_FUZZ_CASES sets the cases per type and form (default 60); CHAT_PII_FUZZ_BUNDLE
 * another chat handler bundle to hunt in (an older build, say).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ANSWER_FIELDS, CHAT_BUNDLE, chatTally, formatChatLeakTable, REQUEST_FIELDS, runChatPiiFuzz } from '../test/helpers/chat-pii-fuzz';
import { BUNDLE, runPiiFuzz, tally } from '../test/helpers/pii-fuzz';

const CASES = Number(process.env.CHAT_PII_FUZZ_CASES ?? 60);
const SEED = 20_240_611;
const bundle = process.env.CHAT_PII_FUZZ_BUNDLE ? resolve(process.env.CHAT_PII_FUZZ_BUNDLE) : CHAT_BUNDLE;

async function main(): Promise<void> {
  for (const file of [bundle, BUNDLE]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const t0 = performance.now();
  const report = await runChatPiiFuzz({ casesPerClass: CASES, seed: SEED, bundle });
  const seconds = (performance.now() - t0) / 1000;
  const invoke = await runPiiFuzz({ casesPerClass: CASES, seed: SEED });
  console.log(formatChatLeakTable(report, invoke));
  const line = (name: string, t: { leaks: number; cases: number }) => `${name} ${t.leaks}/${t.cases} (${((100 * t.leaks) / t.cases).toFixed(2)} %)`;
  for (const [direction, fields] of [['request→model', REQUEST_FIELDS], ['model→caller', ANSWER_FIELDS]] as const) {
    const plain = chatTally(report, (c) => c.form === 'plain' && fields.includes(c.field));
    const all = chatTally(report, (c) => fields.includes(c.field));
    console.log(`chat ${direction}: ${line('plain', plain)}, ${line('all forms', all)}`);
  }
  for (const field of ANSWER_FIELDS) console.log(`chat ${field}: ${line('all forms', chatTally(report, (c) => c.field === field))}`);
  console.log(`invoke answer: ${line('all forms', tally(invoke, (c) => c.field === 'answer'))}`);
  console.log(`${CASES} cases per type and form, chat hunt ${seconds.toFixed(1)} s (${report.calls} calls), node ${process.version}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
