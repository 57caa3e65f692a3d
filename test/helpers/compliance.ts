import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
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
  readonly ruleId: string;
  readonly path: string;
  readonly description: string;
}

/** Synthesizes the app and runs the cfn-guard validator (Control Tower proactive controls) over every template. */
export function runCfnGuard(app: App): GuardFinding[] {
  const assembly = app.synth({ force: true });
  const templatePaths = assembly.stacks.map((s) => join(assembly.directory, s.templateFile));
  const report = new CfnGuardValidator().validate({ templatePaths, appConstruct: app });
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    ruleId: v.ruleName,
    path: r.resourceLogicalId,
    description: v.description ?? '',
  })));
}

/** Logical id of a construct's CloudFormation resource, to match guard findings with constructs. */
export function logicalIdsByPath(stack: Stack): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    const child = c.node.defaultChild ?? c;
    if ((child as { cfnResourceType?: string }).cfnResourceType) {
      map.set(stack.resolve((child as unknown as { logicalId: string }).logicalId) as string, c.node.path);
    }
  }
  return map;
}

export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

