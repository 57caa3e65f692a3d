#!/usr/bin/env node
/**
 * The example app. `npx cdk synth` works offline with no arguments; context
 * values (`-c key=value`) adapt it to a real account: see README.md.
 */
import { App } from 'aws-cdk-lib';
import { exampleStackPropsFromContext } from './context';
import { SecureAiStack } from './example-stack';

try {
  const app = new App();
  new SecureAiStack(app, 'SecureAiStack', exampleStackPropsFromContext(app.node));
  app.synth();
} catch (error) {
  // A configuration mistake is the user's to fix: say what is wrong, without a stack trace.
  // Anything else is a bug and keeps its trace.
  if (!(error instanceof Error) || error.name !== 'ValidationError') throw error;
  console.error(`Error: ${error.message}`);
  process.exitCode = 1;
}
