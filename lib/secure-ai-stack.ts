import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudWatchRoleMode } from './api/cloudwatch-role';
import { AiModelProps, SecureAiGateway } from './secure-ai-gateway';

/** Properties of a {@link SecureAiStack}. */
export interface SecureAiStackProps extends StackProps {
  /**
   * The models to expose.
   * @default - two example models, `general-chat` and `claims-triage`
   */
  readonly models?: AiModelProps[];
  /**
   * How API Gateway's account-level CloudWatch role is handled.
   * @default CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE
   */
  readonly cloudWatchRole?: CloudWatchRoleMode;
}

export const EXAMPLE_MODELS: AiModelProps[] = [
  { name: 'general-chat', maxPromptLength: 32_000 },
  { name: 'claims-triage', maxPromptLength: 16_000 },
];

/** The example secure AI stack: one {@link SecureAiGateway} with secure defaults. */
export class SecureAiStack extends Stack {
  /** The gateway. */
  public readonly gateway: SecureAiGateway;

  public constructor(scope: Construct, id: string, props: SecureAiStackProps = {}) {
    super(scope, id, props);
    this.gateway = new SecureAiGateway(this, 'Gateway', {
      models: props.models ?? EXAMPLE_MODELS,
      cloudWatchRole: props.cloudWatchRole ?? CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
    });
    const wafPending = 'The web ACL (AiWebAcl) is not composed into the gateway yet; until it is, deploy behind an existing regional web ACL.';
    Validations.of(this.gateway.stage).acknowledge(
      { id: 'AwsSolutions-APIG3', reason: wafPending },
      { id: 'NIST.800.53.R5-APIGWAssociatedWithWAF', reason: wafPending },
      { id: 'PCI.DSS.321-APIGWAssociatedWithWAF', reason: wafPending },
    );
    for (const model of this.gateway.api.modelNames) {
      const authPending = `Route ${model} answers 501 from a mock integration and reaches no model; the JWT authorizer and Cognito scopes are not composed into the gateway yet.`;
      Validations.of(this.gateway.methodFor(model)).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: authPending },
        { id: 'AwsSolutions-COG4', reason: authPending },
      );
    }
  }
}
