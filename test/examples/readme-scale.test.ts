/**
 * README's "How it scales" tables are computed from the example stack's own
 * settings (test/helpers/scale-model.ts); this test fails when either drifts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { scaleTables, scaleRow, type ModelSettings } from '../helpers/scale-model';
import { synthExampleStack } from '../setup/stacks';

const { stack } = synthExampleStack();
const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

function settingsOf(model: string): ModelSettings {
  const resources = Object.values(template.Resources);
  const described = (prefix: string) => resources.find((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith(prefix))!;
  const fn = described(`Model proxy of ${model}:`);
  const chat = described(`Chat completions of ${model}:`);
  const stage = resources.find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
  const setting = stage.Properties.MethodSettings.find((s: any) => s.ResourcePath === `/~1v1~1models~1${model}~1invoke`);
  return { reservedConcurrency: fn.Properties.ReservedConcurrentExecutions, methodRate: setting.ThrottlingRateLimit, memoryMb: fn.Properties.MemorySize,
    chatMemoryMb: chat.Properties.MemorySize };
}

test('the README tables are the scale model of the example\'s general-chat model', () => {
  const tables = scaleTables(settingsOf('general-chat'));
  process.stdout.write(`\n${tables}\n`);
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toContain(tables);
});

test('the route throttle binds before the reserved concurrency at the model\'s own generation length', () => {
  const model = settingsOf('general-chat');
  // 3 s generations, as the example sizes it: just above its rate, the route's 429 comes first.
  expect(scaleRow(model, model.methodRate + 1, 3).bindsFirst).toMatch(/route throttle/);
  expect(scaleRow(model, model.methodRate, 3).bindsFirst).toBe('none');
});
