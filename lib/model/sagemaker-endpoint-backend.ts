import { Aws, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { BackendBinding } from './backend-binding';
import { ModelBackendConfig, ModelBackendType, SageMakerEndpointBackendOptions } from './backend-options';
import type { ModelProxyFunction } from './model-proxy-function';
import { resolvePayload } from './payload-options';
import { SageMakerModelEndpoint } from './sagemaker-model-endpoint';
import { addStatementsWithUniqueSids } from './unique-sids';
import { SAGEMAKER_ENDPOINT_NAME } from '../contracts/model-proxy';
import { invalidProp } from '../private/validation';

export const SAGEMAKER_INVOKE_ACTION = 'sagemaker:InvokeEndpoint';
export const SAGEMAKER_STREAM_ACTION = 'sagemaker:InvokeEndpointWithResponseStream';

/** SageMaker InvokeEndpoint on one endpoint, and InvokeEndpointWithResponseStream for the chat function. */
export class SageMakerEndpointBackend implements BackendBinding {
  private modelEndpoint?: SageMakerModelEndpoint;

  public constructor(private readonly options: SageMakerEndpointBackendOptions) {}

  public bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig {
    const { existingEndpointName, endpointProps } = this.options;
    if ((existingEndpointName === undefined) === (endpointProps === undefined)) {
      invalidProp(scope, 'SageMaker endpoint', existingEndpointName ?? 'neither', 'exactly one of existingEndpointName and endpointProps');
    }
    let endpointName: string;
    let endpointArn: string;
    if (endpointProps) {
      // One endpoint per backend, however many proxies bind it.
      this.modelEndpoint ??= new SageMakerModelEndpoint(scope, 'ModelEndpoint', { network: proxy.network, ...endpointProps });
      endpointName = this.modelEndpoint.endpointName;
      endpointArn = this.modelEndpoint.endpointArn;
    } else {
      endpointName = existingEndpointName as string;
      if (!Token.isUnresolved(endpointName) && !SAGEMAKER_ENDPOINT_NAME.pattern.test(endpointName)) {
        invalidProp(scope, 'existingEndpointName', endpointName, SAGEMAKER_ENDPOINT_NAME.patternRule);
      }
      endpointArn = endpointArnOf(endpointName);
    }

    // Only the chat function streams; the invoke function gets InvokeEndpoint alone.
    const grants = [
      { policy: proxy.policy, role: proxy.role, actions: [SAGEMAKER_INVOKE_ACTION] },
      { policy: proxy.chatPolicy, role: proxy.chatRole, actions: [SAGEMAKER_INVOKE_ACTION, SAGEMAKER_STREAM_ACTION] },
    ];
    for (const { policy, role, actions } of grants) {
      addStatementsWithUniqueSids(policy, new iam.PolicyStatement({ sid: 'InvokeSageMakerEndpoint', actions, resources: [endpointArn] }));
      proxy.network.grantEndpointAccess({
        service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME, role, actions, resources: [endpointArn], peer: proxy,
      });
    }
    return { backendType: ModelBackendType.SAGEMAKER_ENDPOINT, target: endpointName, ...resolvePayload(scope, this.options) };
  }
}

/** SageMaker writes endpoint ARNs in lower case, whatever the name's case. */
function endpointArnOf(name: string): string {
  const resourceName = Token.isUnresolved(name) ? name : name.toLowerCase();
  return `arn:${Aws.PARTITION}:sagemaker:${Aws.REGION}:${Aws.ACCOUNT_ID}:endpoint/${resourceName}`;
}
