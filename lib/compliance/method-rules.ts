import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { RuleStatus } from './shadow-api-rule';
import { intrinsicText } from '../private/intrinsic-text';

/**
 * Rules over one API Gateway method, in the manner of cdk-nag: a method in,
 * a verdict out, nothing changed. An unresolvable value fails the rule: the
 * guard cannot tell that it protects anything.
 */

const AUTHORIZED_TYPES: readonly string[] = ['AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];

/** CORS preflights carry no data and API Gateway answers them without authorization. */
function isPreflight(method: apigateway.CfnMethod): boolean {
  return Stack.of(method).resolve(method.httpMethod) === 'OPTIONS';
}

/** The method names an authorizer or IAM authorization. */
export function methodAuthorization(method: apigateway.CfnMethod): RuleStatus {
  if (isPreflight(method)) return RuleStatus.NOT_APPLICABLE;
  const type: unknown = Stack.of(method).resolve(method.authorizationType);
  return typeof type === 'string' && AUTHORIZED_TYPES.includes(type) ? RuleStatus.COMPLIANT : RuleStatus.NON_COMPLIANT;
}

/** The request validator a method names, when it is defined in this app. */
export function requestValidatorOf(
  method: apigateway.CfnMethod,
  validators: readonly apigateway.CfnRequestValidator[],
): apigateway.CfnRequestValidator | undefined {
  if (method.requestValidatorId === undefined) return undefined;
  const stack = Stack.of(method);
  const id = intrinsicText(stack, method.requestValidatorId);
  return validators.find((v) => Stack.of(v) === stack && intrinsicText(stack, v.ref) === id);
}

/** What a validator checks: its body and parameters flags, resolved. */
export function validatorChecks(validator: apigateway.CfnRequestValidator): { body: boolean; parameters: boolean } {
  const stack = Stack.of(validator);
  return {
    body: stack.resolve(validator.validateRequestBody) === true,
    parameters: stack.resolve(validator.validateRequestParameters) === true,
  };
}

/**
 * The method names a request validator, and that validator (when it is
 * defined in this app) checks the body, the parameters or both.
 */
export function methodRequestValidator(method: apigateway.CfnMethod, validators: readonly apigateway.CfnRequestValidator[]): RuleStatus {
  if (isPreflight(method)) return RuleStatus.NOT_APPLICABLE;
  if (method.requestValidatorId === undefined) return RuleStatus.NON_COMPLIANT;
  const validator = requestValidatorOf(method, validators);
  if (!validator) return RuleStatus.COMPLIANT;
  const checks = validatorChecks(validator);
  return checks.body || checks.parameters ? RuleStatus.COMPLIANT : RuleStatus.NON_COMPLIANT;
}
