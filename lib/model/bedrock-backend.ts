import { Aws } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ModelBackend, ModelBackendConfig, ModelBackendType, ModelPayloadOptions, RequestFormat } from './model-backend';
import type { ModelProxyFunction } from './model-proxy-function';
import { resolvePayload } from './payload-options';
import { invalidProp } from '../private/validation';

/** `provider.model-name-version[:n]`, e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
const FOUNDATION_MODEL_ID = /^[a-z0-9-]+\.[A-Za-z0-9._-]+(?::[A-Za-z0-9._-]+)*$/;
/** Cross-region inference profiles (`us.`, `eu.`, `global.` ...) need other ARNs and regions. */
const INFERENCE_PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\./;

export const BEDROCK_INVOKE_ACTION = 'bedrock:InvokeModel';

/** Amazon Bedrock InvokeModel on one foundation model of this region. */
export class BedrockBackend extends ModelBackend {
  public constructor(private readonly modelId: string, private readonly options: ModelPayloadOptions) {
    super();
  }

  public bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig {
    if (!FOUNDATION_MODEL_ID.test(this.modelId) || INFERENCE_PROFILE_PREFIX.test(this.modelId)) {
      invalidProp(scope, 'Bedrock modelId', this.modelId, 'the id of a foundation model in this region such as anthropic.claude-3-haiku-20240307-v1:0 (inference profiles are not supported)');
    }
    const anthropic = this.modelId.startsWith('anthropic.');
    if (!anthropic && (this.options.requestFormat === undefined || this.options.responseTextPath === undefined)) {
      invalidProp(scope, 'requestFormat and responseTextPath', this.modelId, 'both, for a Bedrock model that is not an Anthropic model (each model family has its own body)');
    }
    const payload = resolvePayload(scope, this.options, anthropic ? RequestFormat.ANTHROPIC_MESSAGES : RequestFormat.PASSTHROUGH);
    const modelArn = `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${this.modelId}`;

    proxy.addToPolicy(new iam.PolicyStatement({ sid: 'InvokeBedrockModel', actions: [BEDROCK_INVOKE_ACTION], resources: [modelArn] }));
    proxy.network.grantEndpointAccess({
      service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
      role: proxy.role,
      actions: [BEDROCK_INVOKE_ACTION],
      resources: [modelArn],
      peer: proxy,
    });
    return { backendType: ModelBackendType.BEDROCK, target: this.modelId, ...payload };
  }
}
