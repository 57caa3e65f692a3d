import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AiIdentity,
  AuthorizationMode,
  CloudWatchRoleMode,
  GatewayWarning,
  IModelNetwork,
  ModelBackend,
  ModelNetwork,
  SecureAiGateway,
} from '../../lib';
import { newTestStack } from '../setup/stacks';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/** A VPC with isolated subnets and a bedrock-runtime endpoint, as a platform team's stack would export them. */
function importedNetwork(stack: Stack, zones = ['eu-west-1a', 'eu-west-1b']): IModelNetwork {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'SharedVpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: zones,
    isolatedSubnetIds: zones.map((_, i) => `subnet-0123456789abcdef${i}`),
    isolatedSubnetRouteTableIds: zones.map((_, i) => `rtb-0123456789abcdef${i}`),
  });
  const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'SharedBedrockEndpoint', {
    vpcEndpointId: 'vpce-0123456789abcdef0',
    port: 443,
    securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'SharedEndpointSg', 'sg-0123456789abcdef0')],
  });
  return ModelNetwork.fromModelNetworkAttributes(stack, 'Network', {
    vpc,
    interfaceEndpoints: [{ service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME, endpoint }],
  });
}

describe('a gateway in an imported model network', () => {
  const { stack } = newTestStack('ImportedNetwork');
  const network = importedNetwork(stack);
  const gateway = new SecureAiGateway(stack, 'Gateway', {
    models: [{ name: 'chat', backend: ModelBackend.bedrock(HAIKU) }],
    existingNetwork: network,
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    authorization: { mode: AuthorizationMode.COGNITO },
  });
  const t = Template.fromStack(stack);

  test('creates no VPC, endpoint or flow log of its own', () => {
    expect(gateway.network).toBe(network);
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::FlowLog']) t.resourceCountIs(type, 0);
  });

  test('puts the proxy into the imported isolated subnets', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], SecurityGroupIds: Match.anyValue() },
    });
  });

  test('admits the proxy to the imported endpoint on 443 only', () => {
    const proxySg = stack.getLogicalId(gateway.proxyFor('chat').securityGroup.node.defaultChild as ec2.CfnSecurityGroup);
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0123456789abcdef0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
      SourceSecurityGroupId: { 'Fn::GetAtt': [proxySg, 'GroupId'] },
    });
  });

  test('warns that the imported endpoint policy must admit the proxy role', () => {
    Annotations.fromStack(stack).hasWarning('/ImportedNetwork/Network',
      Match.stringLikeRegexp('imported bedrock-runtime endpoint is not managed here.*bedrock:InvokeModel.*'
        + `\\[ack: ${GatewayWarning.IMPORTED_ENDPOINT_POLICY_UNCHANGED}\\]`));
  });

  test('fails when a backend needs an endpoint the imported network does not have', () => {
    const { stack: s } = newTestStack();
    expect(() => new SecureAiGateway(s, 'Gateway', {
      models: [{ name: 'chat', backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'chat-endpoint' }) }],
      existingNetwork: importedNetwork(s),
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
    })).toThrow(/Invalid interfaceEndpoints: got "no sagemaker.runtime endpoint"/);
  });

  test('fails when the imported subnets are in one availability zone', () => {
    const { stack: s } = newTestStack();
    expect(() => importedNetwork(s, ['eu-west-1a'])).toThrow(/expected subnets in at least two availability zones/);
  });

  test('fails when a new SageMaker endpoint needs the S3 gateway endpoint the import lacks', () => {
    const { stack: s } = newTestStack();
    const sagemakerNetwork = ModelNetwork.fromModelNetworkAttributes(s, 'Net', {
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        isolatedSubnetIds: ['subnet-0123456789abcdefa', 'subnet-0123456789abcdefb'],
      }),
      interfaceEndpoints: [{
        service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME,
        endpoint: ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(s, 'Ep', { vpcEndpointId: 'vpce-0123456789abcdef1', port: 443 }),
      }],
    });
    expect(() => new SecureAiGateway(s, 'Gateway', {
      models: [{
        name: 'chat',
        backend: ModelBackend.sageMakerEndpoint({
          endpointProps: {
            imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/tgi:1', modelDataUrl: 's3://models/chat.tar.gz', instanceType: 'ml.m5.xlarge',
          },
        }),
      }],
      existingNetwork: sagemakerNetwork,
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
    })).toThrow(/Invalid s3GatewayEndpoint: got "none"/);
  });
});

describe('a gateway with an imported identity', () => {
  function importedIdentity(stack: Stack, clientIds?: string[]) {
    return AiIdentity.fromAiIdentityAttributes(stack, 'Identity', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'SharedPool', 'eu-west-1_AbCdEf123'),
      resourceServerId: 'models',
      models: ['chat', 'summarize'],
      clientIds,
    });
  }

  test('in JWT mode, accepts the pool\'s issuer for the given clients and requires the model scope or the admin scope', () => {
    const { stack } = newTestStack('ImportedIdentity');
    const gateway = new SecureAiGateway(stack, 'Gateway', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { existingIdentity: importedIdentity(stack, ['client-a', 'client-b']) },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Cognito::UserPool', 0);
    t.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    const env = t.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } } });
    const config = JSON.parse(Object.values(env)[0].Properties.Environment.Variables.AUTHORIZER_CONFIG);
    expect(config.issuers).toEqual([expect.objectContaining({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123', audience: ['client-a', 'client-b'],
    })]);
    expect(JSON.stringify(config.models)).toContain('"allowScopes":["models/chat.invoke","models/admin"]');
    expect(gateway.identity.scopeFor('summarize')).toBe('models/summarize.invoke');
  });

  test('in COGNITO mode, authorizes the routes with the imported pool and the model\'s scopes', () => {
    const { stack } = newTestStack('ImportedIdentityCognito');
    new SecureAiGateway(stack, 'Gateway', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO, existingIdentity: importedIdentity(stack) },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('userpool/eu-west-1_AbCdEf123')])] }],
    });
    t.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationScopes: ['models/chat.invoke', 'models/admin'] });
  });

  test('fails when the gateway has a model the imported identity has no scope for', () => {
    const { stack } = newTestStack();
    expect(() => new SecureAiGateway(stack, 'Gateway', {
      models: [{ name: 'translate' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO, existingIdentity: importedIdentity(stack) },
    })).toThrow(/Invalid model: got "translate"; expected one of the imported identity's models \(chat, summarize\)/);
  });

  test('fails in JWT mode when the imported identity names no client and no external issuer is given', () => {
    const { stack } = newTestStack();
    expect(() => new SecureAiGateway(stack, 'Gateway', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { existingIdentity: importedIdentity(stack) },
    })).toThrow(/expected app clients in the identity/);
  });

  test('fails when the resource server id is not a valid identifier', () => {
    const { stack } = newTestStack();
    expect(() => AiIdentity.fromAiIdentityAttributes(stack, 'Identity', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbCdEf123'), models: ['chat'], resourceServerId: 'Models/V1',
    })).toThrow(/Invalid resourceServerId: got "Models\/V1"/);
  });
});
