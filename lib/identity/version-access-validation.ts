import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GRANTED_VERSIONS_RULE, GRANTS_RULE, VERSION_GRANTS_RULE } from '../contracts/authorizer';
import { type StringListRule, stringListProblem } from '../contracts/field-rules';
import { ROUTING_ID } from '../contracts/model-proxy';
import { ModelAccessOptions } from './jwt-authorizer-props';
import { validateCondition } from './jwt-authorizer-validation';
import { invalidProp } from '../private/validation';

/** A model rule's version grants, by the rules the authorizer function applies to them at cold start. */
export function validateVersionAccess(scope: IConstruct, rule: ModelAccessOptions): void {
  const grants = rule.versionAccess ?? [];
  if (grants.length > VERSION_GRANTS_RULE.maxItems) {
    invalidProp(scope, `modelAccess[${rule.model}].versionAccess`, `${grants.length} grants`, `at most ${VERSION_GRANTS_RULE.maxItems}`);
  }
  for (const [i, grant] of grants.entries()) {
    const where = `modelAccess[${rule.model}].versionAccess[${i}]`;
    checkList(scope, `${where}.versions`, grant.versions, GRANTED_VERSIONS_RULE);
    for (const version of grant.versions) {
      if (!Token.isUnresolved(version) && !ROUTING_ID.pattern.test(version)) invalidProp(scope, `${where}.versions`, version, ROUTING_ID.patternRule);
    }
    checkList(scope, `${where}.allowGroups`, grant.allowGroups, GRANTS_RULE);
    checkList(scope, `${where}.allowScopes`, grant.allowScopes, GRANTS_RULE);
    for (const condition of grant.conditions ?? []) validateCondition(scope, `${where}.conditions[${condition.claim}]`, condition);
    if ((grant.allowGroups ?? []).length === 0 && (grant.allowScopes ?? []).length === 0 && (grant.conditions ?? []).length === 0) {
      invalidProp(scope, where, 'no groups, scopes or conditions',
        'at least one group, scope or condition: a grant to every caller of the model is an unrestricted version');
    }
  }
}

function checkList(scope: IConstruct, prop: string, value: string[] | undefined, rule: StringListRule): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const problem = stringListProblem(value, rule);
  if (problem !== undefined) invalidProp(scope, prop, value, problem);
}
