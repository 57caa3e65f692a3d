/**
 * README.md's TypeScript examples, read and run as a user would: a block is
 * found by the heading above it and executed inside a stack, with the user's
 * own objects (`myRestApi`, `myResource`, `integration`) made real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..');
export const README = readFileSync(join(root, 'README.md'), 'utf8');

/** The ```ts blocks of README.md, in order. */
export function readmeBlocks(): string[] {
  return [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The first ```ts block under the given `###` heading. */
export function blockUnder(heading: string): string {
  const at = README.indexOf(`### ${heading}\n`);
  if (at < 0) throw new Error(`README.md has no heading "### ${heading}"`);
  const match = /```ts\n([\s\S]*?)```/.exec(README.slice(at));
  if (match === null) throw new Error(`no TypeScript example under "### ${heading}"`);
  return match[1];
}

/** The user's objects a snippet may use. */
export interface SnippetWorld {
  readonly stack: Stack;
  readonly myRestApi: apigateway.RestApi;
  readonly myResource: apigateway.Resource;
}

/**
 * Runs a snippet with `this` as the stack, `secure-ai-gateway` resolved to
 * lib/, and `myResource` at `resourcePath` of `myRestApi`.
 */
export function runSnippet(block: string, resourcePath: string): SnippetWorld {
  const source = block.replace(/from 'secure-ai-gateway'/g, `from ${JSON.stringify(join(root, 'lib'))}`);
  const imports = source.split('\n').filter((l) => l.startsWith('import ')).join('\n');
  const body = source.split('\n').filter((l) => !l.startsWith('import ')).join('\n');
  const module = `${imports}\nexport function run(this: any, myRestApi: any, myResource: any, integration: any) {\n${body}\n}\n`;
  const js = ts.transpileModule(module, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exported: { run?: (this: unknown, ...args: unknown[]) => void } = {};
  // The snippet's imports go through jest's require, so lib/ is loaded as the tests load it.
  new Function('require', 'exports', js)(require, exported);

  const stack = new Stack(new App(), 'ReadmeStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const myRestApi = new apigateway.RestApi(stack, 'MyApi', { cloudWatchRole: false });
  const myResource = myRestApi.root.resourceForPath(resourcePath);
  exported.run!.call(stack, myRestApi, myResource, new apigateway.MockIntegration());
  return { stack, myRestApi, myResource };
}
