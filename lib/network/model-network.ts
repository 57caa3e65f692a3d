import { Annotations, Aws, ContextProvider, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { ImportedModelNetwork } from './imported-model-network';
import { ModelNetworkAttributes } from './model-network-attributes';
import { EndpointAccessOptions, GatewayEndpointAccessOptions, IModelNetwork, ModelNetworkBase } from './model-network-base';
import { GuardControl } from '../private/guard-controls';
import { invalidProp, validateRange } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

/** Properties of a {@link ModelNetwork}. */
export interface ModelNetworkProps {
  /**
   * A VPC you already have. Its subnets (see `subnets`) must reach nothing but
   * what the model functions need. Refused together with `ipAddresses` or `maxAzs`.
   * @default - a new VPC with isolated subnets only
   */
  readonly existingVpc?: ec2.IVpc;

  /**
   * The subnets of `existingVpc` that hold the model functions and the
   * interface endpoints, one per availability zone, in at least two zones.
   * Subnets with a route to the internet are allowed with a warning.
   * @default - the isolated subnets of the VPC
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * The address range of a new VPC.
   * @default - 10.0.0.0/16
   */
  readonly ipAddresses?: ec2.IIpAddresses;

  /**
   * Availability zones of a new VPC, at least two.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * Whether VPC flow logs (all traffic) go to an encrypted log group. Turning
   * them off adds a warning.
   * @default true
   */
  readonly flowLogs?: boolean;

  /**
   * Retention of the flow logs.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * Whether a new VPC's default security group is stripped of its rules
   * (by a CDK custom resource that runs outside the VPC). Turning it off adds a warning.
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;
}

const DEFAULT_MAX_AZS = 2;
const SUBNET_CIDR_MASK = 22;

/**
 * The private network of the model functions: a VPC whose subnets have no
 * route to the internet (no NAT, no internet gateway), flow logs into an
 * encrypted log group, the default security group stripped of its rules, and
 * interface endpoints created on demand, each with a policy that admits only
 * the roles, actions and resources granted through {@link grantEndpointAccess}
 * and a security group that admits only the given peers.
 */
export class ModelNetwork extends ModelNetworkBase {
  /**
   * A model network that exists outside this app or stack: its VPC, subnets and endpoints.
   * Nothing is created in it but the rules that admit the model functions to its endpoints;
   * the endpoint policies stay its owner's (each grant adds a warning saying what they must admit).
   */
  public static fromModelNetworkAttributes(scope: Construct, id: string, attrs: ModelNetworkAttributes): IModelNetwork {
    return new ImportedModelNetwork(scope, id, attrs);
  }

  /** The VPC. */
  public readonly vpc: ec2.IVpc;
  /** The subnets of the model functions and the interface endpoints. */
  public readonly subnets: ec2.SubnetSelection;
  /** The encrypted log group of the flow logs, when flow logs are on. */
  public readonly flowLogGroup?: EncryptedLogGroup;
  /** The flow log, when flow logs are on. */
  public readonly flowLog?: ec2.FlowLog;

  private readonly interfaceEndpoints = new Map<string, ec2.InterfaceVpcEndpoint>();
  private readonly gatewayEndpoints = new Map<string, ec2.GatewayVpcEndpoint>();

  public constructor(scope: Construct, id: string, props: ModelNetworkProps = {}) {
    super(scope, id);
    this.validateProps(props);

    if (props.existingVpc) {
      this.vpc = props.existingVpc;
      this.subnets = props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    } else {
      this.warnWhenZonesNeedLookup();
      const vpc = new ec2.Vpc(this, 'Vpc', {
        ipAddresses: props.ipAddresses,
        maxAzs: props.maxAzs ?? DEFAULT_MAX_AZS,
        natGateways: 0,
        createInternetGateway: false,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        restrictDefaultSecurityGroup: props.restrictDefaultSecurityGroup ?? true,
        subnetConfiguration: [{ name: 'Model', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: SUBNET_CIDR_MASK }],
      });
      this.vpc = vpc;
      this.subnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
      if (props.restrictDefaultSecurityGroup ?? true) {
        acknowledgeDefaultSecurityGroupProvider(this);
      } else {
        warnOptOut(this, GatewayWarning.DEFAULT_SECURITY_GROUP_OPEN,
          'restrictDefaultSecurityGroup is false: the default security group keeps its allow-all rules for its members.');
      }
    }
    this.checkSubnets();

    if (props.flowLogs ?? true) {
      this.flowLogGroup = new EncryptedLogGroup(this, 'FlowLogs', { retention: props.flowLogRetention });
      this.flowLog = new ec2.FlowLog(this, 'FlowLog', {
        resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
        trafficType: ec2.FlowLogTrafficType.ALL,
        destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup.logGroup, this.flowLogRole(this.flowLogGroup)),
      });
    } else {
      warnOptOut(this, GatewayWarning.FLOW_LOGS_DISABLED, 'flowLogs is false: traffic in the model network is not recorded.');
    }
  }

  /**
   * A VPC in a stack with an explicit account and region takes its zones from
   * the account, which the CLI looks up with credentials; say how to synthesize
   * without them before the CLI fails with a message about credentials.
   */
  private warnWhenZonesNeedLookup(): void {
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) return;
    const { key } = ContextProvider.getKey(this, { provider: cxschema.ContextProvider.AVAILABILITY_ZONE_PROVIDER });
    if (this.node.tryGetContext(key) !== undefined) return;
    Annotations.of(this).addWarningV2(GatewayWarning.AVAILABILITY_ZONES_LOOKUP,
      `The stack names account ${stack.account} and region ${stack.region}, so the model VPC's availability zones are looked up in that account, `
      + 'which needs AWS credentials. To synthesize without them, put the zones into cdk.json\'s context as '
      + `"${key}": ["${stack.region}a", "${stack.region}b"] (the zone names your account has), or leave env out of the stack.`);
  }

  /**
   * The interface endpoint of an AWS service in the model subnets, created on
   * first use with private DNS and a security group that admits nothing:
   * no connection gets through until {@link grantEndpointAccess} admits a
   * peer, and from then on the endpoint policy admits only what was granted.
   */
  public interfaceEndpoint(service: ec2.InterfaceVpcEndpointAwsService): ec2.InterfaceVpcEndpoint {
    const existing = this.interfaceEndpoints.get(service.name);
    if (existing) return existing;
    const id = endpointId(service.shortName);
    const securityGroup = new ec2.SecurityGroup(this, `${id}SecurityGroup`, {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: `Interface endpoint ${service.shortName}: HTTPS from the model functions only`,
    });
    const endpoint = new ec2.InterfaceVpcEndpoint(this, id, {
      vpc: this.vpc,
      service,
      subnets: { ...this.subnets, onePerAz: true },
      privateDnsEnabled: true,
      open: false,
      securityGroups: [securityGroup],
    });
    this.interfaceEndpoints.set(service.name, endpoint);
    return endpoint;
  }

  /**
   * Lets one role call the given actions on the given resources through the
   * service's interface endpoint, and lets the peer connect to it on 443.
   */
  public grantEndpointAccess(options: EndpointAccessOptions): ec2.InterfaceVpcEndpoint {
    if (options.actions.length === 0 || options.resources.length === 0) {
      invalidProp(this, 'actions and resources', `${options.actions.length} action(s), ${options.resources.length} resource(s)`, 'at least one of each');
    }
    const endpoint = this.interfaceEndpoint(options.service);
    endpoint.addToPolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: options.actions,
      resources: options.resources,
      conditions: { ArnEquals: { 'aws:PrincipalArn': options.role.roleArn } },
    }));
    const from = options.peer.connections.securityGroups.length > 0 ? 'the model function' : 'a peer';
    endpoint.connections.allowDefaultPortFrom(options.peer, `HTTPS to ${options.service.shortName} from ${from}`);
    return endpoint;
  }

  /**
   * The S3 gateway endpoint of the model subnets' route tables, created on
   * first use. SageMaker downloads model artifacts through it; `allowS3Read`
   * adds what it may read.
   */
  public s3GatewayEndpoint(): ec2.GatewayVpcEndpoint {
    const service = ec2.GatewayVpcEndpointAwsService.S3;
    const existing = this.gatewayEndpoints.get(service.name);
    if (existing) return existing;
    const endpoint = new ec2.GatewayVpcEndpoint(this, 'S3Endpoint', { vpc: this.vpc, service, subnets: [this.subnets] });
    this.gatewayEndpoints.set(service.name, endpoint);
    return endpoint;
  }

  /** Lets one role read the given S3 objects through the gateway endpoint. */
  public allowS3Read(role: iam.IRole, objectArns: string[]): ec2.GatewayVpcEndpoint {
    const endpoint = this.s3GatewayEndpoint();
    endpoint.addToPolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: objectArns,
      conditions: { ArnEquals: { 'aws:PrincipalArn': role.roleArn } },
    }));
    return endpoint;
  }

  /**
   * The DynamoDB gateway endpoint of the model subnets' route tables, created on first use (gateway
   * endpoints cost nothing); `allowDynamoDb` adds what it admits.
   */
  public dynamoDbGatewayEndpoint(): ec2.GatewayVpcEndpoint {
    const service = ec2.GatewayVpcEndpointAwsService.DYNAMODB;
    const existing = this.gatewayEndpoints.get(service.name);
    if (existing) return existing;
    const endpoint = new ec2.GatewayVpcEndpoint(this, 'DynamoDbEndpoint', { vpc: this.vpc, service, subnets: [this.subnets] });
    this.gatewayEndpoints.set(service.name, endpoint);
    return endpoint;
  }

  /** Lets one role call the given DynamoDB actions on the given tables through the gateway endpoint. */
  public allowDynamoDb(options: GatewayEndpointAccessOptions): ec2.GatewayVpcEndpoint {
    if (options.actions.length === 0 || options.resources.length === 0) {
      invalidProp(this, 'actions and resources', `${options.actions.length} action(s), ${options.resources.length} resource(s)`, 'at least one of each');
    }
    const endpoint = this.dynamoDbGatewayEndpoint();
    endpoint.addToPolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: options.actions,
      resources: options.resources,
      conditions: { ArnEquals: { 'aws:PrincipalArn': options.role.roleArn } },
    }));
    this.allowHttpsToGatewayEndpoint(options.peer, 'DynamoDB');
    return endpoint;
  }

  /** Our own role: the one FlowLog would create gets an inline policy (NIST/HIPAA/PCI IAMNoInlinePolicy). */
  private flowLogRole(logGroup: EncryptedLogGroup): iam.IRole {
    const policy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Lets VPC Flow Logs write to the model network flow log group only',
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.logGroupArn],
      })],
    });
    return new iam.Role(this, 'FlowLogRole', {
      description: 'VPC Flow Logs delivery role of the model network',
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
        },
      }),
      managedPolicies: [policy],
    }).withoutPolicyUpdates() as iam.Role;
  }

  private validateProps(props: ModelNetworkProps): void {
    if (props.existingVpc && (props.ipAddresses !== undefined || props.maxAzs !== undefined)) {
      invalidProp(this, 'existingVpc', props.existingVpc.node.path, 'either existingVpc or ipAddresses/maxAzs for a new VPC, not both');
    }
    if (props.existingVpc && props.restrictDefaultSecurityGroup !== undefined) {
      invalidProp(this, 'restrictDefaultSecurityGroup', props.restrictDefaultSecurityGroup,
        'no value with existingVpc (its default security group belongs to its owner)');
    }
    if (!props.existingVpc && props.subnets !== undefined) {
      invalidProp(this, 'subnets', 'a subnet selection', 'no subnet selection for a new VPC (it has isolated subnets only)');
    }
    validateRange(this, 'maxAzs', props.maxAzs, { min: 2, max: 6 });
  }
}

/** `sagemaker.runtime` → `SagemakerRuntimeEndpoint` */
function endpointId(shortName: string): string {
  return `${shortName.split(/[.-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}Endpoint`;
}

/**
 * `restrictDefaultSecurityGroup` is implemented by a CDK-owned custom resource
 * provider (one per stack, outside any VPC) that we cannot configure; the
 * Control Tower check that every function sits in a VPC is acknowledged on it.
 */
function acknowledgeDefaultSecurityGroupProvider(scope: Construct): void {
  const provider = Stack.of(scope).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  if (!provider) return;
  Validations.of(provider).acknowledge({
    id: GuardControl.LAMBDA_INSIDE_VPC,
    reason: 'CDK custom resource provider that strips the rules of the new VPC\'s default security group during deployment '
      + '(restrictDefaultSecurityGroup). It calls only EC2 and CloudFormation, handles no prompts, and cannot be attached to the isolated '
      + 'subnets, which have no route to those APIs.',
  });
}
