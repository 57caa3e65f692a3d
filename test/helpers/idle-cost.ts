/**
 * What a synthesized template bills while no request arrives, at us-east-1
 * list prices (November 2026). Usage-priced items (requests, GB, MAUs,
 * invocations) cost nothing at idle and are listed for reference only.
 */
export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly monthly: number;
}

export const PRICES = {
  webAcl: 5.0,
  webAclRule: 1.0,
  botControl: 10.0,
  interfaceEndpointHour: 0.01,
  kmsKey: 1.0,
  alarmMetric: 0.1,
  anomalyAlarm: 0.3,
  dashboard: 3.0,
} as const;

const HOURS_PER_MONTH = 730;

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

export function idleCost(template: { Resources: Resources }): { lines: CostLine[]; total: number } {
  const resources = Object.values(template.Resources);
  const ofType = (type: string) => resources.filter((r) => r.Type === type);
  const lines: CostLine[] = [];
  const add = (item: string, quantity: number, unitPrice: number) => {
    if (quantity > 0) lines.push({ item, quantity, unitPrice, monthly: round(quantity * unitPrice) });
  };

  const acls = ofType('AWS::WAFv2::WebACL');
  add('WAF web ACL', acls.length, PRICES.webAcl);
  const rules = acls.flatMap((acl) => (Array.isArray(acl.Properties?.Rules) ? acl.Properties!.Rules : []));
  add('WAF rules and managed rule groups', rules.length, PRICES.webAclRule);
  const botControl = rules.filter((rule) => rule.Statement?.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesBotControlRuleSet').length;
  add('WAF Bot Control subscription', botControl, PRICES.botControl);

  const endpointAzs = ofType('AWS::EC2::VPCEndpoint')
    .filter((e) => e.Properties?.VpcEndpointType === 'Interface')
    .reduce((sum, e) => sum + (Array.isArray(e.Properties?.SubnetIds) ? e.Properties!.SubnetIds.length : 0), 0);
  add('Interface VPC endpoint-AZs', endpointAzs, round(PRICES.interfaceEndpointHour * HOURS_PER_MONTH));

  add('KMS customer-managed keys', ofType('AWS::KMS::Key').length, PRICES.kmsKey);

  const alarms = ofType('AWS::CloudWatch::Alarm');
  const anomaly = alarms.filter((a) => JSON.stringify(a.Properties?.Metrics ?? []).includes('ANOMALY_DETECTION_BAND'));
  const metricsInAlarms = alarms
    .filter((a) => !anomaly.includes(a))
    .reduce((sum, a) => sum + (Array.isArray(a.Properties?.Metrics) ? a.Properties!.Metrics.filter((m: any) => m.MetricStat).length : 1), 0);
  add('CloudWatch alarm metrics', metricsInAlarms, PRICES.alarmMetric);
  add('CloudWatch anomaly-detection alarms', anomaly.length, PRICES.anomalyAlarm);
  add('CloudWatch dashboards (beyond the account\'s first 3)', ofType('AWS::CloudWatch::Dashboard').length, PRICES.dashboard);

  return { lines, total: round(lines.reduce((sum, l) => sum + l.monthly, 0)) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
