import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnResource, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

export interface Finding {
  readonly pack: string;
  readonly ruleId: string;
  readonly path: string;
}

export interface Acknowledgement {
  readonly ruleId: string;
  readonly path: string;
  readonly reason: string;
}

export interface PackResult {
  readonly pack: string;
  /** Findings with acknowledgements ignored. */
  readonly before: Finding[];
  /** Findings that no acknowledgement covers. */
  readonly after: Finding[];
}

export const NAG_PACKS: ReadonlyArray<() => NagPack> = [
  () => new AwsSolutionsChecks(),
  () => new NIST80053R5Checks(),
  () => new HIPAASecurityChecks(),
  () => new PCIDSS321Checks(),
  () => new ServerlessChecks(),
];

function findings(pack: string, report: PolicyValidationPluginReport): Finding[] {
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({ pack, ruleId: v.ruleName, path: r.constructPath ?? '' })));
}

/** Runs a cdk-nag pack twice: honouring acknowledgements, and ignoring them. */
export function runNagPack(scope: IConstruct, create: () => NagPack): PackResult {
  const honouring = create();
  const ignoring = create();
  // The pack's acknowledgement lookup is private; ignoring it shows what the acknowledgements cover.
  (ignoring as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  const pack = honouring.readPackName;
  return {
    pack,
    after: findings(pack, honouring.validateScope(scope)),
    before: findings(pack, ignoring.validateScope(scope)),
  };
}

/** Every `Validations.of(x).acknowledge(...)` in the tree. */
export function acknowledgementsIn(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
      ruleId: id.replace(/^[a-z]+::/i, ''),
      path: c.node.path,
      reason,
    }))));
}

/** Whether an acknowledgement at `ack.path` covers a finding at `finding.path` (itself or below it). */
export function covers(ack: Acknowledgement, finding: Finding): boolean {
  return ack.ruleId === finding.ruleId && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
}

export interface GuardFinding {
  /** The guard rule's name, e.g. `lambda_inside_vpc_check`. */
  readonly rule: string;
  /** The Control Tower control id from the finding, e.g. `CT.LAMBDA.PR.3`: the id acknowledgements use. */
  readonly ruleId: string;
  /** Construct path of the resource (its logical id when the construct is not found). */
  readonly path: string;
  readonly description: string;
}

export interface GuardResult {
  readonly before: GuardFinding[];
  readonly after: GuardFinding[];
}

/**
 * Synthesizes the app and runs the cfn-guard validator (Control Tower proactive
 * controls) over every template. The plugin honours no acknowledgement itself;
 * findings are matched here with acknowledgements of their control id.
 */
export function runCfnGuard(app: App, stack: Stack): GuardResult {
  const assembly = app.synth({ force: true });
  const templatePaths = assembly.stacks.map((s) => join(assembly.directory, s.templateFile));
  const types = new Set(assembly.stacks.flatMap((s) => Object.values((s.template as Template).Resources ?? {}).map((r) => r.Type)));
  const report = new CfnGuardValidator({ disabledRules: guardRulesFor(types).off }).validate({ templatePaths, appConstruct: app });
  const paths = constructPathsByLogicalId(stack);
  const before = report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    rule: v.ruleName,
    ruleId: /\[(CT\.[A-Z0-9.]+)\]/.exec(v.description ?? '')?.[1] ?? v.ruleName,
    path: paths.get(r.resourceLogicalId) ?? r.resourceLogicalId ?? '(template)',
    description: (v.description ?? '').split('\n')[0],
  })));
  const acks = acknowledgementsIn(stack);
  const after = before.filter((finding) => !acks.some((ack) => covers(ack, { pack: 'cfn-guard', ...finding })));
  return { before, after };
}

type Template = { Resources?: Record<string, { Type: string }> };

interface GuardRuleFile {
  /** The file's name without extension: what the plugin's `disabledRules` takes. */
  readonly name: string;
  readonly types: string[];
}

let guardRuleFiles: GuardRuleFile[] | undefined;

/** The plugin's Control Tower rule files and the resource types each one queries. */
function controlTowerRules(): GuardRuleFile[] {
  if (guardRuleFiles) return guardRuleFiles;
  const root = join(dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.guard'));
  guardRuleFiles = files.map((e) => ({
    name: parse(e.name).name,
    types: [...new Set(readFileSync(join(e.parentPath, e.name), 'utf8').match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [])],
  }));
  return guardRuleFiles;
}

/**
 * Splits the rule files into those that query a resource type the templates hold and
 * the rest. Every Control Tower rule applies only `when` its resource type is present,
 * so the rest can only be skipped; leaving them out makes cfn-guard several times faster
 * without changing a finding. A file naming no type at all is kept.
 */
export function guardRulesFor(types: ReadonlySet<string>): { on: string[]; off: string[] } {
  const rules = controlTowerRules();
  const applies = (r: GuardRuleFile) => r.types.length === 0 || r.types.some((t) => types.has(t));
  return { on: rules.filter(applies).map((r) => r.name), off: rules.filter((r) => !applies(r)).map((r) => r.name) };
}

/** Construct paths of the stack's CloudFormation resources, by logical id. */
function constructPathsByLogicalId(stack: Stack): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (CfnResource.isCfnResource(c)) map.set(stack.resolve(c.logicalId) as string, c.node.path);
  }
  return map;
}

export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

