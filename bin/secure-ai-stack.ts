#!/usr/bin/env node
/**
 * The example app. `npx cdk synth` works offline with no arguments; context
 * values (`-c key=value`) adapt it to a real account: see README.md.
 */
import { App } from 'aws-cdk-lib';
import { exampleStackPropsFromContext } from './context';
import { SecureAiStack } from '../lib';

const app = new App();
new SecureAiStack(app, 'SecureAiStack', exampleStackPropsFromContext(app.node));
app.synth();
