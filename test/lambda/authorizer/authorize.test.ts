import { authorizeModel, authorizeModels, groupsOf, scopesOf } from '../../../lambda/authorizer/authorize';
import { conditionHolds } from '../../../lambda/authorizer/conditions';
import { type ClaimCondition, parseAuthorizerConfig } from '../../../lambda/authorizer/config';
import { testConfig } from './support/fixtures';

const parsed = parseAuthorizerConfig(testConfig());
if (!parsed.success) throw new Error(parsed.errors.join('; '));
const rules = parsed.data.models;
const rule = (model: string) => rules.find((r) => r.model === model)!;

function principal(groups: string[], scopes: string[], claims: Record<string, unknown> = {}) {
  return { groups: new Set(groups), scopes: new Set(scopes), claims };
}

const pro = { 'custom:tenant': 'acme', 'custom:tier': 'pro' };

describe('RBAC and ABAC per model', () => {
  const table: ReadonlyArray<readonly [string, string, ReturnType<typeof principal>, string]> = [
    ['a member of an allowed group with matching attributes', 'claims-triage', principal(['claims'], [], pro), 'allowed'],
    ['a holder of an allowed scope with matching attributes', 'claims-triage', principal([], ['ai-gateway/claims-triage.invoke'], pro), 'allowed'],
    ['a higher tier than the threshold', 'claims-triage', principal(['claims'], [], { ...pro, 'custom:tier': 'enterprise' }), 'allowed'],
    ['the second allowed tenant', 'claims-triage', principal(['claims'], [], { ...pro, 'custom:tenant': 'globex' }), 'allowed'],
    ['no allowed group and no allowed scope', 'claims-triage', principal(['staff'], ['ai-gateway/chat.invoke'], pro), 'model_not_permitted'],
    ['a group whose name differs only in case', 'claims-triage', principal(['Claims'], [], pro), 'model_not_permitted'],
    ['a scope that is a prefix of the allowed one', 'claims-triage', principal([], ['ai-gateway/claims-triage'], pro), 'model_not_permitted'],
    ['a tenant outside the list', 'claims-triage', principal(['claims'], [], { ...pro, 'custom:tenant': 'initech' }), 'condition_failed'],
    ['a tier below the threshold', 'claims-triage', principal(['claims'], [], { ...pro, 'custom:tier': 'free' }), 'condition_failed'],
    ['a tier that is not a known level', 'claims-triage', principal(['claims'], [], { ...pro, 'custom:tier': 'gold' }), 'condition_failed'],
    ['no tenant claim at all', 'claims-triage', principal(['claims'], [], { 'custom:tier': 'pro' }), 'condition_failed'],
    ['a model without conditions for a member of its group', 'general-chat', principal(['staff'], []), 'allowed'],
    ['a model without conditions for a scope holder', 'general-chat', principal([], ['ai-gateway/chat.invoke']), 'allowed'],
    ['a data class that is not excluded', 'code-assist', principal(['engineering'], [], { 'custom:data_class': 'internal' }), 'allowed'],
    ['an excluded data class', 'code-assist', principal(['engineering'], [], { 'custom:data_class': 'restricted' }), 'condition_failed'],
    ['a missing data class (notIn needs the claim)', 'code-assist', principal(['engineering'], []), 'condition_failed'],
  ];

  it.each(table)('decides %s', (_name, model, who, expected) => {
    expect(authorizeModel(rule(model), who)).toBe(expected);
  });

  it('gives one verdict per configured model', () => {
    const verdicts = authorizeModels(rules, principal(['claims'], [], { ...pro, 'custom:tier': 'free' }));
    expect([...verdicts]).toEqual([
      ['claims-triage', 'condition_failed'],
      ['general-chat', 'allowed'],
      ['code-assist', 'model_not_permitted'],
    ]);
  });
});

describe('conditionHolds', () => {
  const cases: ReadonlyArray<readonly [ClaimCondition, unknown, boolean]> = [
    [{ claim: 'c', operator: 'equals', values: ['eu'] }, 'eu', true],
    [{ claim: 'c', operator: 'equals', values: ['eu'] }, 'EU', false],
    [{ claim: 'c', operator: 'equals', values: ['eu'] }, ['eu'], true],
    [{ claim: 'c', operator: 'equals', values: ['eu'] }, ['eu', 'us'], false],
    [{ claim: 'c', operator: 'equals', values: ['42'] }, 42, true],
    [{ claim: 'c', operator: 'equals', values: ['true'] }, true, true],
    [{ claim: 'c', operator: 'in', values: ['a', 'b'] }, 'b', true],
    [{ claim: 'c', operator: 'in', values: ['a', 'b'] }, ['a', 'b'], true],
    [{ claim: 'c', operator: 'in', values: ['a', 'b'] }, ['a', 'z'], false],
    [{ claim: 'c', operator: 'in', values: ['a'] }, [], false],
    [{ claim: 'c', operator: 'notIn', values: ['x'] }, 'y', true],
    [{ claim: 'c', operator: 'notIn', values: ['x'] }, ['y', 'x'], false],
    [{ claim: 'c', operator: 'notIn', values: ['x'] }, undefined, false],
    [{ claim: 'c', operator: 'notIn', values: ['x'] }, null, false],
    [{ claim: 'c', operator: 'notIn', values: ['x'] }, { nested: 'y' }, false],
    [{ claim: 'c', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'max'] }, 'max', true],
    [{ claim: 'c', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'max'] }, 'pro', true],
    [{ claim: 'c', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'max'] }, 'free', false],
    [{ claim: 'c', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'max'] }, ['max', 'free'], false],
    [{ claim: 'c', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'max'] }, 'PRO', false],
    [{ claim: 'c', operator: 'in', values: ['a'] }, Number.NaN, false],
  ];

  it.each(cases)('evaluates %j against %j as %s', (condition, value, expected) => {
    const claims = value === undefined ? {} : { c: value };
    expect(conditionHolds(condition, claims)).toBe(expected);
  });

  it('does not read inherited properties as claims', () => {
    expect(conditionHolds({ claim: 'constructor', operator: 'notIn', values: ['x'] }, {})).toBe(false);
    expect(conditionHolds({ claim: '__proto__', operator: 'notIn', values: ['x'] }, JSON.parse('{}'))).toBe(false);
  });
});

describe('groups and scopes', () => {
  it('reads groups from an array or a single string and ignores other types', () => {
    expect([...groupsOf({ g: ['a', 1, 'b'] }, 'g')]).toEqual(['a', 'b']);
    expect([...groupsOf({ g: 'a' }, 'g')]).toEqual(['a']);
    expect([...groupsOf({ g: { a: true } }, 'g')]).toEqual([]);
    expect([...groupsOf({}, 'toString')]).toEqual([]);
  });

  it('splits the scope claim on spaces', () => {
    expect(scopesOf({ scope: ' a  b/c.invoke ' })).toEqual(['a', 'b/c.invoke']);
    expect(scopesOf({ scope: ['a'] })).toEqual([]);
  });
});
