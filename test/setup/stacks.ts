import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureAiStack, SecureAiStackProps } from '../../bin/example-stack';

/** A fixed environment, so templates do not depend on the machine's AWS profile. */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' };

export interface SynthesizedStack<T extends Stack> {
  readonly app: App;
  readonly stack: T;
  readonly template: Template;
}

/** Builds the example stack as `bin/` does, with a fixed environment. Call once per test file. */
export function synthExampleStack(props: SecureAiStackProps = {}): SynthesizedStack<SecureAiStack> {
  const app = new App();
  const stack = new SecureAiStack(app, 'SecureAiStack', { env: TEST_ENV, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** An empty stack in the test environment, for building one construct. */
export function newTestStack(id = 'TestStack'): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, id, { env: TEST_ENV }) };
}
