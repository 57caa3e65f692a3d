import * as iam from 'aws-cdk-lib/aws-iam';

/** Statement ids used so far in each policy. IAM refuses a policy in which two statements share one. */
const used = new WeakMap<iam.ManagedPolicy, Set<string>>();

/**
 * Adds statements to a policy, numbering a statement id already taken in it
 * (`InvokeSageMakerEndpoint2`): a model routed over several backends of one
 * kind binds each of them into the same policy.
 */
export function addStatementsWithUniqueSids(policy: iam.ManagedPolicy, ...statements: iam.PolicyStatement[]): void {
  let sids = used.get(policy);
  if (sids === undefined) {
    sids = new Set();
    used.set(policy, sids);
  }
  for (const statement of statements) {
    const base = statement.sid;
    if (base !== undefined) {
      let sid = base;
      for (let n = 2; sids.has(sid); n++) sid = `${base}${n}`;
      statement.sid = sid;
      sids.add(sid);
    }
    policy.addStatements(statement);
  }
}
