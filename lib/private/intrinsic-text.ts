import { Stack } from 'aws-cdk-lib';

/**
 * Placeholder for a deploy-time value that has no simpler textual form
 * (Fn::Select, Fn::ImportValue, ...).
 */
export const UNKNOWN_TOKEN_TEXT = '${Token}';

/**
 * Renders a value as text with deploy-time values written the way Fn::Sub
 * writes them: `${LogicalId}` for a Ref, `${LogicalId.Attribute}` for a
 * Fn::GetAtt, `${AWS::Region}` for a pseudo parameter. Values known at synth
 * come out as they are. Used to compare ARNs built in different ways and to
 * print deploy-time values in the API catalog.
 */
export function intrinsicText(stack: Stack, value: unknown): string {
  return render(stack.resolve(value));
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return UNKNOWN_TOKEN_TEXT;
  const entries = Object.entries(value);
  if (entries.length !== 1) return UNKNOWN_TOKEN_TEXT;
  const [fn, args] = entries[0];
  if (fn === 'Ref' && typeof args === 'string') return `\${${args}}`;
  if (fn === 'Fn::GetAtt' && Array.isArray(args) && args.length === 2) return `\${${args.map(render).join('.')}}`;
  if (fn === 'Fn::Join' && Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && Array.isArray(args[1])) {
    return args[1].map(render).join(args[0]);
  }
  if (fn === 'Fn::Sub' && typeof args === 'string') return args;
  return UNKNOWN_TOKEN_TEXT;
}
