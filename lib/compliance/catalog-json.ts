/** A JSON object of the catalog document. */
export type JsonObject = { [key: string]: unknown };

/** The vendor extension of the document's root and of each operation. */
export const CATALOG_EXTENSION = 'x-secure-ai-gateway';
/** The codes an error response can carry. */
export const ERROR_CODES_EXTENSION = 'x-secure-ai-gateway-error-codes';
/** The token issuers a JWT security scheme trusts. */
export const ISSUERS_EXTENSION = 'x-secure-ai-gateway-issuers';

/** How the document writes values that exist only after deployment. */
export const PLACEHOLDER_NOTE = 'Values known only at deployment are written as in Fn::Sub: ${LogicalId} is the Ref of that '
  + 'CloudFormation resource of the stack, ${LogicalId.Attribute} its Fn::GetAtt, ${AWS::Region} and ${AWS::URLSuffix} '
  + 'the pseudo parameters, and ${Token} any other deploy-time value.';

/** Drops undefined members so the document has no keys without values. */
export function compact(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
