import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ModelNetworkAttributes } from './model-network-attributes';
import { EndpointAccessOptions, GatewayEndpointAccessOptions, ModelNetworkBase } from './model-network-base';
import { GatewayWarning } from '../gateway-warning';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';

/**
 * A model network that exists outside this construct: nothing is created in
 * it but the ingress rules that admit the proxies to its endpoints. Endpoint
 * policies belong to the network's owner, so every grant adds a warning that
 * says what the policy must admit.
 */
export class ImportedModelNetwork extends ModelNetworkBase {
  public readonly vpc: ec2.IVpc;
  public readonly subnets: ec2.SubnetSelection;
  private readonly endpoints = new Map<string, ec2.IInterfaceVpcEndpoint>();
  private readonly s3Endpoint?: ec2.IGatewayVpcEndpoint;
  private readonly dynamoDbEndpoint?: ec2.IGatewayVpcEndpoint;

  public constructor(scope: Construct, id: string, attrs: ModelNetworkAttributes) {
    super(scope, id);
    this.vpc = attrs.vpc;
    this.subnets = attrs.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    for (const { service, endpoint } of attrs.interfaceEndpoints ?? []) {
      if (this.endpoints.has(service.name)) invalidProp(this, 'interfaceEndpoints', service.shortName, 'one endpoint per service');
      this.endpoints.set(service.name, endpoint);
    }
    this.s3Endpoint = attrs.s3GatewayEndpoint;
    this.dynamoDbEndpoint = attrs.dynamoDbGatewayEndpoint;
    this.checkSubnets();
  }

  public grantEndpointAccess(options: EndpointAccessOptions): ec2.IInterfaceVpcEndpoint {
    const endpoint = this.endpoints.get(options.service.name);
    if (!endpoint) {
      invalidProp(this, 'interfaceEndpoints', `no ${options.service.shortName} endpoint`,
        `an interface endpoint of ${options.service.name} among the imported network's interfaceEndpoints`);
    }
    endpoint.connections.allowDefaultPortFrom(options.peer, `HTTPS to ${options.service.shortName} from a model function`);
    warnOptOut(this, GatewayWarning.IMPORTED_ENDPOINT_POLICY_UNCHANGED,
      `The policy of the imported ${options.service.shortName} endpoint is not managed here: it must admit ${options.role.node.path} `
      + `for ${options.actions.join(', ')}.`);
    return endpoint;
  }

  public allowS3Read(role: iam.IRole, _objectArns: string[]): ec2.IGatewayVpcEndpoint {
    if (!this.s3Endpoint) {
      invalidProp(this, 's3GatewayEndpoint', 'none', 'the S3 gateway endpoint of the imported network, through which SageMaker reads model artifacts');
    }
    warnOptOut(this, GatewayWarning.IMPORTED_ENDPOINT_POLICY_UNCHANGED,
      `The policy of the imported S3 gateway endpoint is not managed here: it must admit ${role.node.path} for s3:GetObject on the model artifacts.`);
    return this.s3Endpoint;
  }

  public allowDynamoDb(options: GatewayEndpointAccessOptions): ec2.IGatewayVpcEndpoint {
    if (!this.dynamoDbEndpoint) {
      invalidProp(this, 'dynamoDbGatewayEndpoint', 'none',
        'the DynamoDB gateway endpoint of the imported network, through which budgets and the cache are reached');
    }
    this.allowHttpsToGatewayEndpoint(options.peer, 'DynamoDB');
    warnOptOut(this, GatewayWarning.IMPORTED_ENDPOINT_POLICY_UNCHANGED,
      `The policy of the imported DynamoDB gateway endpoint is not managed here: it must admit ${options.role.node.path} for ${options.actions.join(', ')}.`);
    return this.dynamoDbEndpoint;
  }
}
