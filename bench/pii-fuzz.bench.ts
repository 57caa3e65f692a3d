/**
 * PII leak hunt through the model proxy as it ships (assets/model-proxy/index.js,
 * `npm run build` first): thousands of API Gateway events with values of every
 * documented PII type, in plain form and in Unicode disguises, in the prompt, a
 * stop sequence and the model's answer, against a loopback model that records
 * what it gets (test/helpers/pii-fuzz.ts). Prints leaks per type × form and per
 * field (request→model: prompt, stop sequence; model→caller: answer).
 *
 *   npx tsx bench/run.ts pii-fuzz          (or: npm run bench -- pii-fuzz)
 *
 * PII_FUZZ_CASES sets the cases per type and form (default 60); PII_FUZZ_BUNDLE
 * another handler bundle to hunt in (an older build, say).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUNDLE, formatLeakTable, runPiiFuzz, tally } from '../test/helpers/pii-fuzz';

const CASES = Number(process.env.PII_FUZZ_CASES ?? 60);
const bundle = process.env.PII_FUZZ_BUNDLE ? resolve(process.env.PII_FUZZ_BUNDLE) : BUNDLE;

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const t0 = performance.now();
  const report = await runPiiFuzz({ casesPerClass: CASES, seed: 20_240_611, bundle });
  const seconds = (performance.now() - t0) / 1000;
  console.log(formatLeakTable(report));
  for (const [direction, fields] of [['request→model', ['prompt', 'stop sequence']], ['model→caller', ['answer']]] as const) {
    const plain = tally(report, (c) => c.form === 'plain' && (fields as readonly string[]).includes(c.field));
    const all = tally(report, (c) => (fields as readonly string[]).includes(c.field));
    const rate = ((100 * plain.leaks) / plain.cases).toFixed(2);
    console.log(`${direction}: plain ${plain.leaks}/${plain.cases} leaked (${rate} %), all forms ${all.leaks}/${all.cases}`);
  }
  console.log(`${CASES} cases per type and form, ${seconds.toFixed(1)} s, node ${process.version}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
