import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { GatewayWarning } from '../gateway-warning';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';

/** Who may use an interface endpoint, for what. */
export interface EndpointAccessOptions {
  /** The AWS service of the interface endpoint. */
  readonly service: ec2.InterfaceVpcEndpointAwsService;
  /** The only role the endpoint policy admits (matched on `aws:PrincipalArn`). */
  readonly role: iam.IRole;
  /** The actions the role may call through the endpoint. */
  readonly actions: string[];
  /** The resources those actions may touch. */
  readonly resources: string[];
  /** What may open connections to the endpoint on port 443. */
  readonly peer: ec2.IConnectable;
}

/** Who may use a gateway endpoint (DynamoDB), for what. */
export interface GatewayEndpointAccessOptions {
  /** The only role the endpoint policy admits for these actions (matched on `aws:PrincipalArn`). */
  readonly role: iam.IRole;
  /** The actions the role may call through the endpoint. */
  readonly actions: string[];
  /** The resources those actions may touch. */
  readonly resources: string[];
  /** The security group holder whose HTTPS egress must reach the endpoint's prefix list. */
  readonly peer: ec2.IConnectable;
}

/**
 * The private network the model functions run in: a {@link ModelNetwork}
 * created here, or one imported with {@link ModelNetwork.fromModelNetworkAttributes}.
 */
export interface IModelNetwork extends IConstruct {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /** The subnets of the model functions and the interface endpoints. */
  readonly subnets: ec2.SubnetSelection;
  /**
   * Lets one role call the given actions on the given resources through the
   * service's interface endpoint, and lets the peer connect to it on 443.
   */
  grantEndpointAccess(options: EndpointAccessOptions): ec2.IInterfaceVpcEndpoint;
  /** Lets one role read the given S3 objects through the S3 gateway endpoint. */
  allowS3Read(role: iam.IRole, objectArns: string[]): ec2.IGatewayVpcEndpoint;
  /**
   * Lets one role call the given DynamoDB actions on the given tables through the DynamoDB
   * gateway endpoint, and lets the peer open HTTPS connections out of its security group.
   */
  allowDynamoDb(options: GatewayEndpointAccessOptions): ec2.IGatewayVpcEndpoint;
}

/** What a model network needs of its subnets, whoever created them. */
export abstract class ModelNetworkBase extends Construct implements IModelNetwork {
  public abstract readonly vpc: ec2.IVpc;
  public abstract readonly subnets: ec2.SubnetSelection;
  public abstract grantEndpointAccess(options: EndpointAccessOptions): ec2.IInterfaceVpcEndpoint;
  public abstract allowS3Read(role: iam.IRole, objectArns: string[]): ec2.IGatewayVpcEndpoint;
  public abstract allowDynamoDb(options: GatewayEndpointAccessOptions): ec2.IGatewayVpcEndpoint;

  /**
   * A gateway endpoint is reached through a route to the service's prefix list, whose id CloudFormation cannot
   * resolve; the subnets route nothing else out, so HTTPS to any address reaches only the VPC and its endpoints,
   * whose policies and security groups decide.
   */
  protected allowHttpsToGatewayEndpoint(peer: ec2.IConnectable, service: string): void {
    for (const group of peer.connections.securityGroups) {
      group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), `HTTPS to the ${service} gateway endpoint (the subnets have no other route out)`);
    }
  }

  /** Subnets with a route out let data leave without passing an endpoint policy; one zone is one outage away from none. */
  protected checkSubnets(): void {
    const type = this.subnets.subnetType;
    if (type !== undefined && type !== ec2.SubnetType.PRIVATE_ISOLATED) {
      warnOptOut(this, GatewayWarning.SUBNETS_NOT_ISOLATED,
        `subnets are ${type}: the model functions have a route to the internet, so data can leave the VPC without passing an endpoint policy.`);
    }
    const zones = this.vpc.selectSubnets(this.subnets).availabilityZones;
    if (!zones.some((zone) => Token.isUnresolved(zone)) && new Set(zones).size < 2) {
      invalidProp(this, 'subnets', `subnets in ${new Set(zones).size} availability zone(s)`, 'subnets in at least two availability zones');
    }
  }
}
