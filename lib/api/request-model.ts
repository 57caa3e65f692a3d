import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { promptPayloadSchema, PromptSchemaOptions } from '../contracts/prompt-schema';

/**
 * API Gateway's `JsonSchema` spells `$schema` as `schema`; everything else in
 * the shared prompt schema uses the same keyword names.
 */
export function promptRequestSchema(options: PromptSchemaOptions): apigateway.JsonSchema {
  const { $schema: _draft, ...rest } = promptPayloadSchema(options);
  return { schema: apigateway.JsonSchemaVersion.DRAFT4, ...rest } as apigateway.JsonSchema;
}
