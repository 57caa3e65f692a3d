import { Aws, Names, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { IModelNetwork } from '../network/model-network-base';
import { restrictGrantsToAwsServices } from '../private/kms';
import { invalidProp, validateRange } from '../private/validation';

/** What a new SageMaker endpoint serves and on what. */
export interface SageMakerModelEndpointOptions {
  /** The inference container image, e.g. a Hugging Face TGI or LMI image URI in ECR. */
  readonly imageUri: string;
  /**
   * The ECR repository of the image, needed when `imageUri` is a token; for a
   * literal ECR URI the repository is read from it.
   * @default - parsed from imageUri
   */
  readonly imageRepository?: ecr.IRepository;
  /**
   * The model artifacts, `s3://bucket/key.tar.gz` (or an `s3://bucket/prefix/` of uncompressed files).
   * @default - the image carries the model
   */
  readonly modelDataUrl?: string;
  /**
   * The KMS key that encrypts the model artifacts in S3, if it is a customer-managed key.
   * @default - the artifacts are not encrypted with a customer-managed key
   */
  readonly modelDataKey?: kms.IKey;
  /** The instance type, e.g. `ml.g5.xlarge`. */
  readonly instanceType: string;
  /**
   * Instances behind the endpoint; two or more spread over availability zones.
   * @default 1
   */
  readonly initialInstanceCount?: number;
  /**
   * Environment of the container (model id, quantization, ...). Must not carry secrets.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * The key that encrypts the instances' ML storage volumes. Instance types
   * with local NVMe storage (encrypted by the instance hardware) take no key.
   * @default - a new customer-managed key with rotation, for types with EBS volumes
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The endpoint name (lower case, so that IAM matches SageMaker's lower-case ARNs).
   * @default - a unique lower-case name derived from the construct path
   */
  readonly endpointName?: string;
}

/** Properties of a {@link SageMakerModelEndpoint}. */
export interface SageMakerModelEndpointProps extends SageMakerModelEndpointOptions {
  /** The network the model's network interfaces go into. */
  readonly network: IModelNetwork;
}

/** Instance families with local NVMe storage: SageMaker refuses a volume key for them. */
const LOCAL_STORAGE_FAMILY = /^ml\.(c5d|c6id|m5d|m6id|r5d|r6id|g4dn|g5|g6|g6e|p3dn|p4d|p4de|p5|p5e|p5en|trn1|trn1n)\./;
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*)(?::[\w.-]+|@sha256:[0-9a-f]{64})?$/;
const S3_URL = /^s3:\/\/([^/]+)\/(.+)$/;
const ENDPOINT_NAME = /^[a-z0-9](?:-*[a-z0-9]){0,62}$/;

/**
 * A SageMaker real-time endpoint deployed into the model network: the model's
 * network interfaces sit in the isolated subnets, the container runs with
 * network isolation (no calls in or out), the ML volumes are encrypted with a
 * customer-managed key, and the execution role may read only its image, its
 * artifacts (through the S3 gateway endpoint) and write its own logs.
 * No data capture: it would store prompts and answers.
 */
export class SageMakerModelEndpoint extends Construct {
  /** The endpoint. */
  public readonly endpoint: sagemaker.CfnEndpoint;
  /** The endpoint configuration. */
  public readonly endpointConfig: sagemaker.CfnEndpointConfig;
  /** The model. */
  public readonly model: sagemaker.CfnModel;
  /** The execution role SageMaker assumes for the model. */
  public readonly role: iam.IRole;
  /** The security group of the model's network interfaces. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The key of the ML storage volumes, when the instance type has EBS volumes. */
  public readonly key?: kms.IKey;
  /** The endpoint name. */
  public readonly endpointName: string;
  /** The endpoint ARN. */
  public readonly endpointArn: string;

  public constructor(scope: Construct, id: string, props: SageMakerModelEndpointProps) {
    super(scope, id);
    validateRange(this, 'initialInstanceCount', props.initialInstanceCount, { min: 1, max: 100 });
    if (Token.isUnresolved(props.instanceType) || !/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(props.instanceType)) {
      invalidProp(this, 'instanceType', props.instanceType, 'an ML instance type such as ml.g5.xlarge');
    }
    this.endpointName = props.endpointName ?? defaultEndpointName(this);
    if (Token.isUnresolved(this.endpointName) || !ENDPOINT_NAME.test(this.endpointName)) {
      invalidProp(this, 'endpointName', this.endpointName, '1-63 lower-case letters, digits and hyphens');
    }
    const localStorage = LOCAL_STORAGE_FAMILY.test(props.instanceType);
    if (localStorage && props.encryptionKey) {
      invalidProp(this, 'encryptionKey', props.encryptionKey.keyArn,
        `no key for ${props.instanceType}: its local storage is encrypted by the instance and SageMaker refuses a volume key`);
    }
    this.key = localStorage ? undefined : props.encryptionKey ?? this.createKey();

    const { network } = props;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: network.vpc,
      allowAllOutbound: false,
      description: 'SageMaker model network interfaces: HTTPS out for the model artifacts only',
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
      'Model artifacts from S3 through the gateway endpoint (the subnets have no other route out)');

    this.role = this.createRole(props);
    const modelData = props.modelDataUrl === undefined ? undefined : s3ObjectArn(this, props.modelDataUrl);
    if (modelData) network.allowS3Read(this.role, [modelData]);

    this.model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: this.role.roleArn,
      enableNetworkIsolation: true,
      primaryContainer: { image: props.imageUri, modelDataUrl: props.modelDataUrl, environment: props.environment },
      vpcConfig: {
        subnets: network.vpc.selectSubnets(network.subnets).subnetIds,
        securityGroupIds: [this.securityGroup.securityGroupId],
      },
    });
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'Config', {
      kmsKeyId: this.key?.keyArn,
      productionVariants: [{
        variantName: 'AllTraffic',
        modelName: this.model.attrModelName,
        instanceType: props.instanceType,
        initialInstanceCount: props.initialInstanceCount ?? 1,
        initialVariantWeight: 1,
      }],
    });
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Resource', {
      endpointName: this.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
    });
    this.endpointArn = this.endpoint.ref;
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the ML storage volumes of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictGrantsToAwsServices(key);
    return key;
  }

  private createRole(props: SageMakerModelEndpointProps): iam.Role {
    const logGroups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/sagemaker/Endpoints/${this.endpointName}`;
    const statements = [
      new iam.PolicyStatement({
        sid: 'PullImage',
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [imageRepositoryArn(this, props)],
      }),
      new iam.PolicyStatement({ sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'EndpointLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroups, `${logGroups}:log-stream:*`],
      }),
      new iam.PolicyStatement({
        sid: 'EndpointMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/Endpoints*' } },
      }),
      new iam.PolicyStatement({
        sid: 'NetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
        ],
        resources: ['*'],
      }),
    ];
    if (props.modelDataUrl !== undefined) {
      statements.push(new iam.PolicyStatement({ sid: 'ReadModelData', actions: ['s3:GetObject'], resources: [s3ObjectArn(this, props.modelDataUrl)] }));
    }
    if (props.modelDataKey) {
      statements.push(new iam.PolicyStatement({
        sid: 'DecryptModelData',
        actions: ['kms:Decrypt'],
        resources: [props.modelDataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }));
    }
    const policy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      description: 'SageMaker execution role of one model endpoint: image, artifacts, logs, network interfaces',
      statements,
    });
    acknowledgeExecutionPolicy(policy, this.endpointName, props.modelDataUrl);
    return new iam.Role(this, 'ExecutionRole', {
      description: 'SageMaker execution role of one model endpoint',
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      managedPolicies: [policy],
    });
  }
}

function defaultEndpointName(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 63, separator: '-' }).toLowerCase().replace(/[^a-z0-9-]/g, '');
  return name.replace(/^-+|-+$/g, '');
}

function imageRepositoryArn(scope: Construct, props: SageMakerModelEndpointOptions): string {
  if (props.imageRepository) return props.imageRepository.repositoryArn;
  const match = Token.isUnresolved(props.imageUri) ? null : ECR_IMAGE.exec(props.imageUri);
  if (!match) {
    return invalidProp(scope, 'imageUri', props.imageUri,
      'an ECR image URI <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest], or imageRepository as well');
  }
  const [, account, region, repository] = match;
  return `arn:${Aws.PARTITION}:ecr:${region}:${account}:repository/${repository}`;
}

function s3ObjectArn(scope: Construct, url: string): string {
  const match = S3_URL.exec(url);
  if (!match) return invalidProp(scope, 'modelDataUrl', url, 's3://<bucket>/<key>');
  const [, bucket, key] = match;
  return `arn:${Aws.PARTITION}:s3:::${bucket}/${key}${key.endsWith('/') ? '*' : ''}`;
}

function acknowledgeExecutionPolicy(policy: iam.ManagedPolicy, endpointName: string, modelDataUrl: string | undefined): void {
  const acks = [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken, the ec2 Describe*/network-interface actions SageMaker needs to attach the model to the VPC, and '
        + 'cloudwatch:PutMetricData (limited by a namespace condition) do not support resource-level permissions.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:'
        + `/aws/sagemaker/Endpoints/${endpointName}:log-stream:*]`,
      reason: 'SageMaker names the log streams of an endpoint after its variants and instances; the ARN is scoped to this endpoint\'s own log group.',
    },
  ];
  const prefix = modelDataUrl === undefined ? null : S3_URL.exec(modelDataUrl);
  if (prefix && prefix[2].endsWith('/')) {
    acks.push({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${prefix[1]}/${prefix[2]}*]`,
      reason: 'The model artifacts are an uncompressed S3 prefix; read access is limited to the objects under that prefix.',
    });
  }
  Validations.of(policy).acknowledge(...acks);
}
