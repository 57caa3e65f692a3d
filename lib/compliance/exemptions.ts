import { IConstruct } from 'constructs';
import { ShadowApiRule } from './shadow-api-rule';

/** Metadata type of a recorded exemption; it also lands in the cloud assembly's manifest. */
export const EXEMPTION_METADATA_TYPE = 'secure-ai-gateway:shadowApiExemption';

export interface RecordedExemption {
  readonly rules: ShadowApiRule[];
  readonly reason: string;
}

export function recordExemption(construct: IConstruct, exemption: RecordedExemption): void {
  construct.node.addMetadata(EXEMPTION_METADATA_TYPE, { rules: [...exemption.rules], reason: exemption.reason }, { stackTrace: false });
}

/**
 * Exemptions of a CloudFormation resource, recorded on it or on the L2
 * construct that owns it (a Method or Stage whose default child it is).
 */
export function exemptionsOf(cfn: IConstruct): RecordedExemption[] {
  const owner = cfn.node.scope;
  const holders = owner && owner.node.defaultChild === cfn ? [cfn, owner] : [cfn];
  return holders.flatMap((holder) => holder.node.metadata
    .filter((entry) => entry.type === EXEMPTION_METADATA_TYPE)
    .map((entry) => entry.data as RecordedExemption));
}
