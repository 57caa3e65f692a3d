import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import {
  Acknowledgement,
  Finding,
  acknowledgementsIn,
  covers,
  formatTable,
  GuardResult,
  NAG_PACKS,
  PackResult,
  runCfnGuard,
  runNagPack,
} from '../helpers/compliance';
import { CloudWatchRoleMode, ModelBackend, SecureAiGateway, SecureRestApi } from '../../lib';
import { buildSingleConstructsApp } from '../../examples/single-constructs/app';
import { cfnLint } from '../helpers/cfn-lint';
import { idleCost } from '../helpers/idle-cost';
import { buildCostControlStack, buildMainStack } from '../setup/model-stack';
import { newTestStack, synthExampleStack, TEST_ENV } from '../setup/stacks';

const { app, stack } = synthExampleStack();
const results: PackResult[] = NAG_PACKS.map((create) => runNagPack(stack, create));
// aws-cdk-lib records acknowledgements of its own (e.g. `CloudFormation-Validate::...`); these tests judge ours.
const acknowledgements: Acknowledgement[] = acknowledgementsIn(stack)
  .filter((a) => a.ruleId.startsWith('CT.') || results.some((r) => a.ruleId.startsWith(`${r.pack}-`)));
const guard: GuardResult = runCfnGuard(app, stack);

// The smallest gateway that synthesizes: only the required props.
const minimalApp = new App();
const minimal = new Stack(minimalApp, 'Minimal', { env: TEST_ENV });
new SecureAiGateway(minimal, 'Gw', {
  cloudWatchRole: CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
  models: [{ name: 'chat', backend: ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0') }],
});

afterAll(() => {
  const rows = results.map((r) => [
    r.pack,
    r.before.length,
    acknowledgements.filter((a) => r.before.some((f) => covers(a, f))).length,
    r.after.length,
  ]);
  rows.push(['cfn-guard (Control Tower)', guard.before.length,
    acknowledgements.filter((a) => guard.before.some((f) => covers(a, { pack: 'cfn-guard', ...f }))).length, guard.after.length]);
  process.stdout.write(`\nCompliance of the example stack\n${formatTable(['pack', 'findings', 'acknowledgements used', 'unacknowledged'], rows)}\n`);
});

describe('cdk-nag packs over the example stack', () => {
  test.each(results.map((r) => [r.pack, r] as const))('%s has no unacknowledged finding', (_pack, result) => {
    expect(result.after.map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('every acknowledgement covers a finding that exists', () => {
    const findings: Finding[] = [...results.flatMap((r) => r.before), ...guard.before.map((f) => ({ pack: 'cfn-guard', ...f }))];
    const stale = acknowledgements.filter((a) => !findings.some((f) => covers(a, f)));
    expect(stale.map((a) => `${a.ruleId} at ${a.path}`)).toEqual([]);
  });

  test('every acknowledgement gives a specific reason', () => {
    for (const ack of acknowledgements) {
      expect(ack.reason.length).toBeGreaterThanOrEqual(60);
      expect(ack.reason).not.toMatch(/^(n\/a|todo|ok|suppress(ed)?|not applicable|false positive)\.?$/i);
    }
  });

  test('README lists every acknowledged rule', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rules = new Set(acknowledgements.map((a) => a.ruleId
      .replace(/^(AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321|Serverless)-/, '')
      .replace(/\[.*$/, '')));
    expect([...rules].filter((rule) => !readme.includes(rule))).toEqual([]);
  });

  test('acknowledgements sit on resources, not on the stack or the app', () => {
    for (const ack of acknowledgements) {
      expect(ack.path.split('/').length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('what the packs find in the example stack\'s edge and alarms', () => {
  const before = results.flatMap((r) => r.before);

  test('the stage counts as behind a web ACL and the web ACL as logging, with no acknowledgement', () => {
    const wafRules = ['AwsSolutions-APIG3', 'NIST.800.53.R5-APIGWAssociatedWithWAF', 'PCI.DSS.321-APIGWAssociatedWithWAF',
      'NIST.800.53.R5-WAFv2LoggingEnabled', 'HIPAA.Security-WAFv2LoggingEnabled', 'PCI.DSS.321-WAFv2LoggingEnabled'];
    expect(before.filter((f) => wafRules.includes(f.ruleId)).map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('no cdk-nag pack finds anything, acknowledged or not, in the web ACL or the usage tiers', () => {
    const edge = (path: string) => /^SecureAiStack\/Gateway\/(WebAcl|UsageTiers)\//.test(path);
    expect(before.filter((f) => edge(f.path)).map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('no pack and no Control Tower control finds anything, acknowledged or not, in the alarms, topics, key, dashboard and metric filters', () => {
    const alarms = (path: string) => path.includes('/Alarms/') || /Filter\//.test(path);
    expect([...before, ...guard.before].filter((f) => alarms(f.path)).map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });
});

describe('cfn-guard validator over the example stack', () => {
  test('finds no unacknowledged failing Control Tower proactive control', () => {
    expect(guard.after.map((g) => `${g.ruleId} (${g.rule}) at ${g.path}: ${g.description}`)).toEqual([]);
  });
});

describe('idle cost of the example stack', () => {
  test('stays within $50 a month at list prices, and says what bills', () => {
    const { lines, total } = idleCost(Template.fromStack(stack).toJSON() as never);
    process.stdout.write(`\nIdle cost of the example stack (USD per month, list prices)\n${formatTable(
      ['item', 'quantity', 'unit', 'monthly'],
      [...lines.map((l) => [l.item, l.quantity, l.unitPrice.toFixed(2), l.monthly.toFixed(2)]), ['total', '', '', total.toFixed(2)]],
    )}\n`);
    expect(lines.map((l) => l.item)).toEqual(expect.arrayContaining(['WAF web ACL', 'Interface VPC endpoint-AZs', 'KMS customer-managed keys']));
    expect(total).toBeLessThanOrEqual(50);
  });
});

describe('the smallest gateway: only cloudWatchRole and models', () => {
  const minimalResults = NAG_PACKS.map((create) => runNagPack(minimal, create));
  const minimalGuard = runCfnGuard(minimalApp, minimal);
  const template = Template.fromStack(minimal).toJSON() as { Resources: Record<string, unknown> };

  afterAll(() => {
    const { total } = idleCost(template as never);
    process.stdout.write(`\nThe smallest gateway: ${Object.keys(template.Resources).length} resources, idle cost $${total.toFixed(2)} a month\n`);
  });

  test.each(minimalResults.map((r) => [r.pack, r] as const))('%s has no unacknowledged finding', (_pack, result) => {
    expect(result.after.map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('cfn-guard finds no unacknowledged failing control', () => {
    expect(minimalGuard.after.map((g) => `${g.ruleId} (${g.rule}) at ${g.path}`)).toEqual([]);
  });
});

describe('compliance of a stack with the network, the proxies and a SageMaker endpoint', () => {
  const main = buildMainStack();
  const results: PackResult[] = NAG_PACKS.map((create) => runNagPack(main.stack, create));
  const acknowledgements = acknowledgementsIn(main.stack);
  const guard = runCfnGuard(main.app, main.stack);

  afterAll(() => {
    const rows: Array<Array<string | number>> = results.map((r) => [r.pack, r.before.length, r.before.length - r.after.length, r.after.length]);
    rows.push(['cfn-guard (Control Tower)', guard.before.length, guard.before.length - guard.after.length, guard.after.length]);
    process.stdout.write(`\nCompliance of the model network stack\n${formatTable(['pack', 'findings', 'acknowledged', 'unacknowledged'], rows)}\n`);
  });

  test.each(results.map((r) => [r.pack, r] as const))('%s has no unacknowledged finding', (_pack, result) => {
    expect(result.after.map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('every cdk-nag acknowledgement covers a finding that exists, with a specific reason', () => {
    const nagAcks = acknowledgements.filter((a) => results.some((r) => a.ruleId.startsWith(`${r.pack}-`)));
    const stale = nagAcks.filter((a) => !results.some((r) => r.before.some((f) => covers(a, f))));
    expect(stale.map((a) => `${a.ruleId} at ${a.path}`)).toEqual([]);
    for (const ack of acknowledgements) expect(ack.reason.length).toBeGreaterThanOrEqual(60);
  });

  test('the functions we own are all in the VPC, with concurrency limits and customer-managed policies', () => {
    const ours = results.flatMap((r) => r.before).filter((f) => !f.path.includes('Custom::'));
    expect(ours.filter((f) =>
      /LambdaInsideVPC|LambdaConcurrency|IAMNoInlinePolicy|IAM4|VPCDefaultSecurityGroupClosed|VPCFlowLogsEnabled/.test(f.ruleId))).toEqual([]);
  });

  test('cfn-guard finds nothing but the CDK default-security-group provider outside the VPC, acknowledged on it', () => {
    expect(guard.before.map((g) => `${g.rule} at ${g.path}`)).toEqual([
      'lambda_inside_vpc_check at ModelStack/Custom::VpcRestrictDefaultSGCustomResourceProvider/Handler',
    ]);
    expect(guard.after).toEqual([]);
  });
});

describe('compliance of a stack with budgets and a response cache', () => {
  const cost = buildCostControlStack();
  const results: PackResult[] = NAG_PACKS.map((create) => runNagPack(cost.stack, create));
  const acknowledgements = acknowledgementsIn(cost.stack);
  const guard = runCfnGuard(cost.app, cost.stack);

  afterAll(() => {
    const rows: Array<Array<string | number>> = results.map((r) => [r.pack, r.before.length, r.before.length - r.after.length, r.after.length]);
    rows.push(['cfn-guard (Control Tower)', guard.before.length, guard.before.length - guard.after.length, guard.after.length]);
    process.stdout.write(`\nCompliance of the cost control stack\n${formatTable(['pack', 'findings', 'acknowledged', 'unacknowledged'], rows)}\n`);
  });

  test.each(results.map((r) => [r.pack, r] as const))('%s has no unacknowledged finding', (_pack, result) => {
    expect(result.after.map((f) => `${f.ruleId} at ${f.path}`)).toEqual([]);
  });

  test('every cdk-nag acknowledgement covers a finding that exists, with a specific reason', () => {
    const nagAcks = acknowledgements.filter((a) => results.some((r) => a.ruleId.startsWith(`${r.pack}-`)));
    const stale = nagAcks.filter((a) => !results.some((r) => r.before.some((f) => covers(a, f))));
    expect(stale.map((a) => `${a.ruleId} at ${a.path}`)).toEqual([]);
    for (const ack of acknowledgements) expect(ack.reason.length).toBeGreaterThanOrEqual(60);
  });

  test('cfn-guard finds nothing unacknowledged', () => {
    expect(guard.after.map((g) => `${g.rule} at ${g.path}`)).toEqual([]);
  });
});

describe('cfn-lint over every template the example app, the examples and the smallest gateway synthesize', () => {
  /**
   * Warnings we leave, each with why.
   * - W3005: aws-cdk-lib's Function adds DependsOn on its role next to the GetAtt of the role's
   *   ARN (so the role's policy exists before the function runs); the duplicate dependency is
   *   harmless and not ours to remove.
   * - W3010: a stack with an explicit account and region gets the zone names that the CDK looked
   *   up in that account (here given as context) written into its subnets; that is how ec2.Vpc
   *   pins subnets to zones of a known environment. Environment-agnostic stacks use Fn::GetAZs.
   */
  const EXPLAINED_WARNINGS: Record<string, RegExp> = {
    W3005: /^'[A-Za-z0-9]+Role[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/[A-Za-z0-9]+\/Properties\/Role'$/,
    W3010: /^Avoid hardcoding availability zones 'eu-west-1[abc]'$/,
  };
  const examples = buildSingleConstructsApp(new App(), { env: TEST_ENV });
  const templates: Record<string, unknown> = {
    SecureAiStack: Template.fromStack(stack).toJSON(),
    Minimal: Template.fromStack(minimal).toJSON(),
    CostControl: buildCostControlStack().template.toJSON(),
    ...Object.fromEntries([examples.webAclOnly, examples.jwtOnly, examples.logsOnly].map((s) => [s.stackName, Template.fromStack(s).toJSON()])),
  };
  const matches = cfnLint(templates);

  afterAll(() => {
    const rows = Object.keys(templates).map((name) => [name,
      ...(['Error', 'Warning', 'Informational'] as const).map((level) => matches.filter((m) => m.template === name && m.level === level).length)]);
    process.stdout.write(`\ncfn-lint\n${formatTable(['template', 'errors', 'warnings', 'informational'], rows)}\n`);
  });

  test('finds no error', () => {
    expect(matches.filter((m) => m.level === 'Error').map((m) => `${m.template} ${m.rule} ${m.path}: ${m.message}`)).toEqual([]);
  });

  test('finds only warnings that are explained here', () => {
    const unexplained = matches.filter((m) => m.level !== 'Error' && !EXPLAINED_WARNINGS[m.rule]?.test(m.message));
    expect(unexplained.map((m) => `${m.template} ${m.rule} ${m.path}: ${m.message}`)).toEqual([]);
  });
});

describe('the compliance harness', () => {
  // A deliberately non-compliant stack proves the checks above can fail.
  const badApp = new App();
  const badStack = new Stack(badApp, 'Bad', { env: TEST_ENV });
  const acknowledged = new kms.Key(badStack, 'Acknowledged');
  new kms.Key(badStack, 'Plain');
  Validations.of(acknowledged).acknowledge({ id: 'AwsSolutions-KMS5', reason: 'Fixture: proves that an acknowledgement removes exactly its own finding.' });

  test('reports a key without rotation, and honours an acknowledgement only where it is placed', () => {
    const result = runNagPack(badStack, NAG_PACKS[0]);
    expect(result.before.filter((f) => f.ruleId === 'AwsSolutions-KMS5').map((f) => f.path)).toEqual(['Bad/Acknowledged/Resource', 'Bad/Plain/Resource']);
    expect(result.after.filter((f) => f.ruleId === 'AwsSolutions-KMS5').map((f) => f.path)).toEqual(['Bad/Plain/Resource']);
  });

  test('reports a REST API stage outside any web ACL and a web ACL that does not log', () => {
    // The rules exist in these packs, so their absence over the example stack is a pass, not a missing check.
    const unassociated = newTestStack('Unassociated');
    new SecureRestApi(unassociated.stack, 'Api', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING }).addModelRoute('chat', { maxPromptLength: 10 });
    new wafv2.CfnWebACL(unassociated.stack, 'Unlogged', {
      scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: 'x' },
    });
    const control = NAG_PACKS.slice(0, 2).flatMap((create) => runNagPack(unassociated.stack, create).before.map((f) => f.ruleId));
    expect(control).toEqual(expect.arrayContaining(['AwsSolutions-APIG3', 'NIST.800.53.R5-APIGWAssociatedWithWAF', 'NIST.800.53.R5-WAFv2LoggingEnabled']));
  });

  test('reports a key policy that lets anyone create grants', () => {
    expect(runCfnGuard(badApp, badStack).after.map((g) => g.rule)).toContain('kms_create_grant_aws_service_check');
  });
});
