import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** An interface endpoint that already exists in an imported model network. */
export interface ModelNetworkEndpoint {
  /** The AWS service the endpoint serves. */
  readonly service: ec2.InterfaceVpcEndpointAwsService;
  /**
   * The endpoint, e.g. from `InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes`
   * with its security groups and port 443, so that the proxies can be admitted to it.
   */
  readonly endpoint: ec2.IInterfaceVpcEndpoint;
}

/** A model network managed elsewhere (another stack, a platform team), for {@link ModelNetwork.fromModelNetworkAttributes}. */
export interface ModelNetworkAttributes {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets for the model functions, in at least two availability zones.
   * Subnets with a route to the internet are allowed with a warning.
   * @default - the isolated subnets of the VPC
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * The interface endpoints of the AWS services the model backends call
   * (bedrock-runtime, sagemaker.runtime). A backend whose service has no
   * endpoint here fails synthesis: nothing is created in an imported network.
   * @default - none (only self-hosted backends)
   */
  readonly interfaceEndpoints?: ModelNetworkEndpoint[];
  /**
   * The S3 gateway endpoint through which new SageMaker endpoints read their model artifacts.
   * @default - none: a new SageMaker endpoint with model data fails synthesis
   */
  readonly s3GatewayEndpoint?: ec2.IGatewayVpcEndpoint;
  /**
   * The DynamoDB gateway endpoint through which model functions with a budget or a response cache reach their tables.
   * @default - none: a model with a budget or a response cache fails synthesis
   */
  readonly dynamoDbGatewayEndpoint?: ec2.IGatewayVpcEndpoint;
}
