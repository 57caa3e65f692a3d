/**
 * The ```ts blocks of README.md, as a user would paste them: the Quick start
 * builds its own App; the others are written inside a construct (`this` is
 * the scope) and use objects a user already has (`myRestApi`, `myResource`,
 * `integration`, `stack`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface ReadmeSnippet {
  /** Position among the README's ```ts blocks. */
  readonly index: number;
  /** The block's `import` lines. */
  readonly imports: string[];
  /** Everything else. */
  readonly body: string[];
}

export function readmeSnippets(): ReadmeSnippet[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, index) => {
    const lines = m[1].split('\n');
    return { index, imports: lines.filter((l) => l.startsWith('import ')), body: lines.filter((l) => !l.startsWith('import ')) };
  });
}

/** Whether the snippet builds and synthesizes an app of its own (the Quick start). */
export function ownsApp(snippet: ReadmeSnippet): boolean {
  return snippet.body.some((l) => /\bconst app = new App\(/.test(l));
}

/**
 * A runnable program for one snippet: the user's objects are real (a REST API with
 * a resource and a mock integration, in a stack of its own), the snippet runs inside
 * a construct in that stack, and its app is synthesized: the user's own for the
 * Quick start, the fixture's for the others.
 */
export function runnableSnippet(snippet: ReadmeSnippet, rewriteImport: (line: string) => string = (l) => l): string {
  const body = [...snippet.body, ...(ownsApp(snippet) ? ['app.synth();'] : [])];
  return `${snippet.imports.map(rewriteImport).join('\n')}
import { App as FixtureApp, Stack as FixtureStack } from 'aws-cdk-lib';
import * as fixtureApigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct as FixtureConstruct } from 'constructs';

const fixtureApp = new FixtureApp();
const stack = new FixtureStack(fixtureApp, 'UserStack');
const myRestApi = new fixtureApigateway.RestApi(stack, 'MyApi');
const integration = new fixtureApigateway.MockIntegration({
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: [{ statusCode: '200' }],
});
myRestApi.root.addMethod('GET', integration, { methodResponses: [{ statusCode: '200' }] });
const myResource = myRestApi.root.addResource('chat');
const expect = (_value: unknown) => ({ toMatchSnapshot(): void {} });
void expect;

class Snippet extends FixtureConstruct {
  constructor(scope: FixtureConstruct) {
    super(scope, 'Snippet');
${body.map((l) => `    ${l}`).join('\n')}
  }
}
new Snippet(stack);
${ownsApp(snippet) ? '' : 'fixtureApp.synth();'}
`;
}
