/**
 * The TypeScript examples in README.md compile against the library as it is:
 * each ```ts block is type-checked, with `secure-ai-gateway` resolved to lib/
 * and the user's own objects (`myRestApi`, `integration`, ...) declared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { blockUnder, runSnippet } from './readme-snippets';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Names the README's snippets use for things a user already has. */
const FIXTURE = `
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import type { Stack as UserStack } from 'aws-cdk-lib';
declare const myRestApi: apigateway.RestApi;
declare const myResource: apigateway.Resource;
declare const integration: apigateway.Integration;
declare const stack: UserStack;
declare const expect: (value: unknown) => { toMatchSnapshot(): void };
`;

function snippetSource(block: string): string {
  const lines = block.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '))
    .map((l) => l.replace(/from 'secure-ai-gateway(\/[a-z-]+)?'/, (_m, sub: string | undefined) => `from ${JSON.stringify(join(root, 'lib', sub ?? ''))}`));
  const body = lines.filter((l) => !l.startsWith('import '));
  // Snippets written inside a construct use `this` as the scope.
  return `${imports.join('\n')}\n${FIXTURE}\n`
    + `export class Snippet extends Construct {\n  constructor(scope: Construct) {\n    super(scope, 'Snippet');\n`
    + `${body.join('\n')}\n  }\n}\n`;
}

test('README has TypeScript examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

test('every TypeScript example in README.md type-checks', () => {
  const files = new Map(blocks.map((block, i) => [join(root, 'test', 'examples', `readme-snippet-${i}.ts`), snippetSource(block)]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true, noEmit: true, skipLibCheck: true, types: ['node'], esModuleInterop: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => `snippet ${/readme-snippet-(\d+)/.exec(d.file!.fileName)![1]}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(problems).toEqual([]);
});

test('the one-construct-at-a-time example synthesizes, with the JWT authorizer guarding the user\'s own route', () => {
  const { stack } = runSnippet(blockUnder('One construct at a time'), 'chat');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'CUSTOM' });
  const fn = Object.values(template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } },
  }));
  expect(fn).toHaveLength(1);
  expect(JSON.parse(stack.resolve(fn[0].Properties.Environment.Variables.AUTHORIZER_CONFIG)).routes).toEqual([{ route: 'POST/chat', model: 'chat' }]);
});

test('the one-construct-at-a-time example fails synth when its authorizer sits on a route it does not list', () => {
  const { stack } = runSnippet(blockUnder('One construct at a time'), 'v1/summarize');
  expect(() => Template.fromStack(stack)).toThrow(/Invalid routes: got \["POST \/chat"\]; expected a route for POST \/v1\/summarize/);
});

test('the data-protection example synthesizes, its masking options in the proxy\'s configuration and the types left out named in a warning', () => {
  const { stack, myResource } = runSnippet(blockUnder('Data protection in the proxy'), 'chat');
  myResource.addMethod('GET'); // the fixture's API needs a method to synthesize
  const template = Template.fromStack(stack);
  const withConfig = { Properties: { Environment: { Variables: { MODEL_PROXY_CONFIG: Match.anyValue() } } } };
  const fn = Object.values(template.findResources('AWS::Lambda::Function', withConfig));
  // The invoke and chat functions of the model read one configuration.
  expect(fn).toHaveLength(2);
  const configOf = (f: (typeof fn)[number]) => stack.resolve(f.Properties.Environment.Variables.MODEL_PROXY_CONFIG);
  expect(configOf(fn[1])).toEqual(configOf(fn[0]));
  expect(JSON.parse(stack.resolve(fn[0].Properties.Environment.Variables.MODEL_PROXY_CONFIG)).piiMasking).toEqual({
    mode: 'redact',
    entityTypes: ['EMAIL', 'PHONE', 'CREDIT_CARD', 'PERSON'],
    allowlist: ['support@example.com'],
    customPatterns: [{ name: 'EMPLOYEE_ID', pattern: '\\bEMP-\\d{6}\\b', caseInsensitive: false }],
  });
  const left = 'US_SSN, IBAN, IP_ADDRESS, AWS_ACCESS_KEY, API_SECRET, DATE_OF_BIRTH, US_PASSPORT, STREET_ADDRESS';
  Annotations.fromStack(stack).hasWarning('/ReadmeStack/SupportProxy', Match.stringLikeRegexp(`leaves out ${left}: the proxy of support-chat`));
});

test('the cost-control example synthesizes: a budget table and a cache, both in the configuration the handler reads', () => {
  const { stack, myResource } = runSnippet(blockUnder('Cost control'), 'chat');
  myResource.addMethod('GET'); // the fixture's API needs a method to synthesize
  const template = Template.fromStack(stack);
  template.resourcePropertiesCountIs('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }, 1);
  template.resourcePropertiesCountIs('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }] }, 1);
  template.resourcePropertiesCountIs('AWS::KMS::Key', { KeySpec: 'HMAC_256' }, 1);
  const withConfig = { Properties: { Environment: { Variables: { MODEL_PROXY_CONFIG: Match.anyValue() } } } };
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function', withConfig));
  const text = JSON.stringify(stack.resolve(fn.Properties.Environment.Variables.MODEL_PROXY_CONFIG));
  expect(text).toContain('\\"tiers\\":{\\"pro\\":{\\"tenant\\":{\\"tokensPerMinute\\":200000,\\"costPerMonth\\":2000}');
  expect(text).toContain('\\"ttlSeconds\\":21600');
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('budgetFailOpen'))).toHaveLength(0);
});
