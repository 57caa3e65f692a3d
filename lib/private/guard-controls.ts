/**
 * Ids of the Control Tower proactive controls (run by the cfn-guard validator)
 * that our constructs acknowledge with `Validations.of(x).acknowledge`. The
 * validator plugin has no acknowledgement of its own, so the compliance test
 * matches its findings with these ids by the control id in each finding.
 */
export const GuardControl = {
  LAMBDA_INSIDE_VPC: 'CT.LAMBDA.PR.3',
  SQS_DEAD_LETTER_QUEUE: 'CT.SQS.PR.1',
} as const;
