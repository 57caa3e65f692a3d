/**
 * Context values that `cdk synth` would look up in an account, given here so
 * that stacks with the test environment synthesize offline with real-looking
 * values instead of the CDK's dummies (`dummy1a`). Every App reads
 * CDK_CONTEXT_JSON when it is created, as the CLI passes context to an app.
 */
export const TEST_CONTEXT = {
  'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

process.env.CDK_CONTEXT_JSON = JSON.stringify(TEST_CONTEXT);
