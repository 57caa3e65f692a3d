import { CfnElement, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AuthorizationMode,
  InjectionAction,
  CloudWatchRoleMode,
  ModelBackend,
  ModelNetwork,
  ModelProxyFunction,
  ModelProxyFunctionProps,
  PiiEntityType,
  PiiMaskingMode,
  RequestFormat,
  SecureAiGateway,
  SecureRestApi,
  UnmaskedVpcLinkIntegration,
} from '../../lib';
import { MODEL_PROXY_CONFIG_ENV, PII_ENTITY_TYPES } from '../../lib/contracts/model-proxy';
import { PII_TYPES } from '../../lambda/pii-masking';
import { buildMainStack, TGI_IMAGE } from '../setup/model-stack';
import { newTestStack } from '../setup/stacks';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const main = buildMainStack();
const mainJson = main.template.toJSON() as { Resources: Record<string, Resource> };
const resources = (type: string) => Object.entries(mainJson.Resources).filter(([, r]) => r.Type === type);
const idOf = (construct: { node: { defaultChild?: unknown } } | unknown) =>
  main.stack.getLogicalId(((construct as { node: { defaultChild?: unknown } }).node?.defaultChild ?? construct) as never);
const getAtt = (construct: unknown, attr: string) => ({ 'Fn::GetAtt': [idOf(construct), attr] });
const endpointOf = (service: ec2.InterfaceVpcEndpointAwsService) => mainJson.Resources[idOf(main.network.interfaceEndpoint(service))];
const managedPolicyOf = (proxy: ModelProxyFunction) => mainJson.Resources[idOf(proxy.policy)].Properties.PolicyDocument.Statement as Array<Record<string, any>>;
const configOf = (proxy: ModelProxyFunction) => JSON.parse(mainJson.Resources[idOf(proxy.function)].Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV]);
const partitionArn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const sageMakerEndpointArn = (name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:endpoint/${name}`]],
});
const foundationModelArn = (id: string) => ({ 'Fn::Join': ['',
  ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, `::foundation-model/${id}`]] });

describe('ModelNetwork', () => {
  test('has no NAT gateway, no internet gateway and no route out of the VPC', () => {
    main.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    main.template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    main.template.resourceCountIs('AWS::EC2::EIP', 0);
    main.template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    main.template.resourceCountIs('AWS::EC2::Route', 0);
    main.template.resourceCountIs('AWS::EC2::TransitGatewayAttachment', 0);
    main.template.resourceCountIs('AWS::EC2::VPCPeeringConnection', 0);
  });

  test('has isolated subnets in two availability zones, without public IPs', () => {
    const subnets = resources('AWS::EC2::Subnet').map(([, r]) => r.Properties);
    expect(subnets).toHaveLength(2);
    expect(new Set(subnets.map((s) => JSON.stringify(s.AvailabilityZone))).size).toBe(2);
    for (const subnet of subnets) {
      expect(subnet.MapPublicIpOnLaunch).toBe(false);
      expect(subnet.Tags).toEqual(expect.arrayContaining([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]));
    }
    main.template.hasResourceProperties('AWS::EC2::VPC', { EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  test('strips the rules of the default security group', () => {
    main.template.hasResourceProperties('Custom::VpcRestrictDefaultSG', { DefaultSecurityGroupId: getAtt(main.network.vpc, 'DefaultSecurityGroup') });
  });

  test('logs all traffic to a KMS-encrypted log group through a role with a customer-managed policy', () => {
    const [[, flowLog]] = resources('AWS::EC2::FlowLog');
    expect(flowLog.Properties).toMatchObject({ ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    const logGroup = mainJson.Resources[flowLog.Properties.LogGroupName.Ref];
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    const role = mainJson.Resources[flowLog.Properties.DeliverLogsPermissionArn['Fn::GetAtt'][0]];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['',
          ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':vpc-flow-log/*']] } },
      },
    }]);
    const [policyRef] = role.Properties.ManagedPolicyArns;
    expect(mainJson.Resources[policyRef.Ref].Properties.PolicyDocument.Statement).toEqual([{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [flowLog.Properties.LogGroupName.Ref, 'Arn'] },
    }]);
  });

  test('creates interface endpoints only for the services the proxies call', () => {
    const services = resources('AWS::EC2::VPCEndpoint').map(([, r]) => JSON.stringify(r.Properties.ServiceName));
    expect(services.sort()).toEqual([
      JSON.stringify('com.amazonaws.eu-west-1.bedrock-runtime'),
      JSON.stringify('com.amazonaws.eu-west-1.sagemaker.runtime'),
      JSON.stringify({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] }),
    ].sort());
  });

  test('puts interface endpoints with private DNS in the isolated subnets', () => {
    for (const [, endpoint] of resources('AWS::EC2::VPCEndpoint').filter(([, r]) => r.Properties.VpcEndpointType === 'Interface')) {
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
      expect(endpoint.Properties.SubnetIds).toEqual(resources('AWS::EC2::Subnet').map(([id]) => ({ Ref: id })));
    }
  });

  test('lets only each proxy\'s roles invoke only its own SageMaker endpoint through the sagemaker runtime endpoint, streaming for chat only', () => {
    const admit = (action: unknown, resource: unknown, role: iam.IRole) => ({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: action, Resource: resource, Condition: { ArnEquals: { 'aws:PrincipalArn': getAtt(role, 'Arn') } },
    });
    const both = ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'];
    const claims = { Ref: idOf(main.claims.node.findChild('ModelEndpoint')) };
    const legacy = sageMakerEndpointArn('legacy-endpoint');
    expect(endpointOf(ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME).Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        admit('sagemaker:InvokeEndpoint', claims, main.claims.role),
        admit(both, claims, main.claims.chatRole),
        admit('sagemaker:InvokeEndpoint', legacy, main.legacy.role),
        admit(both, legacy, main.legacy.chatRole),
      ],
    });
    const statementsOf = (policy: iam.ManagedPolicy) => mainJson.Resources[idOf(policy)].Properties.PolicyDocument.Statement
      .filter((st: { Sid?: string }) => st.Sid === 'InvokeSageMakerEndpoint');
    expect(statementsOf(main.claims.policy))
      .toEqual([{ Sid: 'InvokeSageMakerEndpoint', Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: claims }]);
    expect(statementsOf(main.claims.chatPolicy)).toEqual([{ Sid: 'InvokeSageMakerEndpoint', Effect: 'Allow', Action: both, Resource: claims }]);
  });

  test('lets only the Bedrock proxy\'s roles invoke only its foundation model through the bedrock-runtime endpoint, streaming for chat only', () => {
    const admit = (action: unknown, role: iam.IRole) => ({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: action,
      Resource: foundationModelArn('anthropic.claude-3-haiku-20240307-v1:0'),
      Condition: { ArnEquals: { 'aws:PrincipalArn': getAtt(role, 'Arn') } },
    });
    expect(endpointOf(ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME).Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [admit('bedrock:InvokeModel', main.chat.role), admit(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], main.chat.chatRole)],
    });
  });

  test('admits HTTPS to each interface endpoint only from the proxies that use it', () => {
    const expectations: Array<[ec2.InterfaceVpcEndpointAwsService, ModelProxyFunction[]]> = [
      [ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME, [main.claims, main.legacy]],
      [ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME, [main.chat]],
    ];
    for (const [service, proxies] of expectations) {
      const endpointSg = main.network.interfaceEndpoint(service).connections.securityGroups[0];
      const sg = mainJson.Resources[idOf(endpointSg)].Properties;
      expect(sg.SecurityGroupIngress).toBeUndefined();
      expect(sg.SecurityGroupEgress).toEqual([{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp',
        ToPort: 86 }]);
      const ingress = resources('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties)
        .filter((rule) => JSON.stringify(rule.GroupId) === JSON.stringify(getAtt(endpointSg, 'GroupId')));
      expect(ingress.map(({ IpProtocol, FromPort, ToPort, SourceSecurityGroupId }) => ({ IpProtocol, FromPort, ToPort, SourceSecurityGroupId }))).toEqual(
        proxies.map((proxy) => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: getAtt(proxy.securityGroup, 'GroupId') })),
      );
    }
  });

  test('lets SageMaker read only the model artifacts through the S3 gateway endpoint', () => {
    const [[, s3]] = resources('AWS::EC2::VPCEndpoint').filter(([, r]) => r.Properties.VpcEndpointType === 'Gateway');
    expect(s3.Properties.RouteTableIds).toHaveLength(2);
    expect(s3.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
      Resource: partitionArn(':s3:::model-artifacts/claims/model.tar.gz'),
      Condition: { ArnEquals: { 'aws:PrincipalArn': getAtt(main.claims.node.findChild('ModelEndpoint').node.findChild('ExecutionRole'), 'Arn') } },
    }]);
  });
});

describe('ModelProxyFunction', () => {
  test('runs the latest Node.js on arm64 in the isolated subnets with its own security group', () => {
    const fn = mainJson.Resources[idOf(main.claims.function)].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', TracingConfig: { Mode: 'Active' } });
    expect(fn.VpcConfig).toEqual({
      SubnetIds: resources('AWS::EC2::Subnet').map(([id]) => ({ Ref: id })),
      SecurityGroupIds: [getAtt(main.claims.securityGroup, 'GroupId')],
    });
  });

  test('times out at 25 s, below API Gateway\'s 29 s, with 1024 MB and reserved concurrency per model', () => {
    expect(mainJson.Resources[idOf(main.claims.function)].Properties).toMatchObject({ Timeout: 25, MemorySize: 1024, ReservedConcurrentExecutions: 10 });
    expect(mainJson.Resources[idOf(main.legacy.function)].Properties.ReservedConcurrentExecutions).toBe(3);
  });

  test('adds a chat completions function: its own role, policy and log group, the same security group, subnets and config', () => {
    const chat = mainJson.Resources[idOf(main.claims.chatFunction)].Properties;
    const invoke = mainJson.Resources[idOf(main.claims.function)].Properties;
    expect(chat).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 300, MemorySize: 1024, ReservedConcurrentExecutions: 10 });
    expect(chat.VpcConfig).toEqual(invoke.VpcConfig);
    expect(chat.Role).toEqual(getAtt(main.claims.chatRole, 'Arn'));
    expect(chat.Role).not.toEqual(invoke.Role);
    expect(chat.LoggingConfig.LogGroup).toEqual({ Ref: idOf(main.claims.chatLogGroup.logGroup) });
    expect(chat.LoggingConfig.LogGroup).not.toEqual(invoke.LoggingConfig.LogGroup);
    expect(chat.Code).not.toEqual(invoke.Code);
    expect(JSON.parse(chat.Environment.Variables[MODEL_PROXY_CONFIG_ENV])).toEqual(configOf(main.claims));
    const chatPolicy = mainJson.Resources[idOf(main.claims.chatPolicy)].Properties;
    expect(mainJson.Resources[idOf(main.claims.chatRole)].Properties.ManagedPolicyArns).toEqual([{ Ref: idOf(main.claims.chatPolicy) }]);
    expect(chatPolicy.PolicyDocument.Statement.find((st: { Sid?: string }) => st.Sid === 'WriteOwnLogs').Resource)
      .toEqual(getAtt(main.claims.chatLogGroup.logGroup, 'Arn'));
  });

  test('streams the chat integration with a timeout 5 s above the chat function\'s', () => {
    const { stack } = newTestStack('ChatTimeoutStack');
    const proxy = new ModelProxyFunction(stack, 'Long', {
      network: new ModelNetwork(stack, 'Net'), modelName: 'long', maxPromptLength: 1000, chatTimeout: Duration.minutes(14), chatReservedConcurrency: 4,
      backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep' }),
    });
    const api = new apigateway.RestApi(stack, 'Api', { deploy: false });
    api.root.addResource('chat').addMethod('POST', proxy.chatIntegration());
    const json = Template.fromStack(stack).toJSON();
    const method = Object.values(json.Resources as Record<string, any>).find((r) => r.Type === 'AWS::ApiGateway::Method');
    expect(method.Properties.Integration).toMatchObject({ ResponseTransferMode: 'STREAM', TimeoutInMillis: 845_000 });
    expect(json.Resources[stack.getLogicalId(proxy.chatFunction.node.defaultChild as lambda.CfnFunction)].Properties)
      .toMatchObject({ Timeout: 840, ReservedConcurrentExecutions: 4 });
  });

  test('addToPolicy reaches both functions\' policies', () => {
    const { stack } = newTestStack('AddToPolicyStack');
    const proxy = new ModelProxyFunction(stack, 'Extra', {
      network: new ModelNetwork(stack, 'Net'), modelName: 'extra', maxPromptLength: 1000,
      backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep' }),
    });
    const parameterArn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/x';
    proxy.addToPolicy(new iam.PolicyStatement({ sid: 'ReadParameter', actions: ['ssm:GetParameter'], resources: [parameterArn] }));
    const json = Template.fromStack(stack).toJSON();
    for (const policy of [proxy.policy, proxy.chatPolicy]) {
      const statements = json.Resources[stack.getLogicalId(policy.node.defaultChild as CfnElement)].Properties.PolicyDocument.Statement;
      expect(statements).toContainEqual({ Sid: 'ReadParameter', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: parameterArn });
    }
  });

  test('gets a full vCPU (1769 MB) when it accepts prompts over 64 K characters', () => {
    const { stack } = newTestStack('BigPromptStack');
    const big = new ModelProxyFunction(stack, 'Big', {
      network: new ModelNetwork(stack, 'Net'), modelName: 'big', maxPromptLength: 200_000,
        backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep' }),
    });
    expect(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(big.function.node.defaultChild as never)].Properties.MemorySize).toBe(1769);
  });

  test('logs to its own KMS-encrypted log group kept a year', () => {
    const fn = mainJson.Resources[idOf(main.claims.function)].Properties;
    expect(fn.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: idOf(main.claims.logGroup.logGroup) } });
    const group = mainJson.Resources[idOf(main.claims.logGroup.logGroup)];
    expect(group.Properties.KmsKeyId).toEqual(getAtt(main.claims.logGroup.key, 'Arn'));
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.DeletionPolicy).toBe('Retain');
  });

  test('reaches nothing but its backend: egress only to its interface endpoint on 443', () => {
    const sg = mainJson.Resources[idOf(main.claims.securityGroup)].Properties;
    expect(sg.SecurityGroupEgress).toBeUndefined();
    expect(sg.SecurityGroupIngress).toBeUndefined();
    const egress = resources('AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties)
      .filter((rule) => JSON.stringify(rule.GroupId) === JSON.stringify(getAtt(main.claims.securityGroup, 'GroupId')));
    const endpointSg = main.network.interfaceEndpoint(ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME).connections.securityGroups[0];
    expect(egress.map(({ IpProtocol, FromPort, ToPort, DestinationSecurityGroupId }) => ({ IpProtocol, FromPort, ToPort,
      DestinationSecurityGroupId }))).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: getAtt(endpointSg, 'GroupId') },
    ]);
  });

  test('has a role with only a customer-managed policy and no inline policy anywhere', () => {
    main.template.resourceCountIs('AWS::IAM::Policy', 0);
    const role = mainJson.Resources[idOf(main.claims.role)].Properties;
    expect(role.Policies).toBeUndefined();
    expect(role.ManagedPolicyArns).toEqual([{ Ref: idOf(main.claims.policy) }]);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]);
  });

  test('may write its logs, send traces, attach to the VPC and invoke only its own SageMaker endpoint', () => {
    expect(managedPolicyOf(main.claims)).toEqual([
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(main.claims.logGroup.logGroup, 'Arn') },
      { Sid: 'Tracing', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      {
        Sid: 'VpcNetworkInterfaces',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
      },
      { Sid: 'InvokeSageMakerEndpoint', Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint',
        Resource: { Ref: idOf(main.claims.node.findChild('ModelEndpoint')) } },
    ]);
  });

  test('invokes an existing endpoint by its lower-case ARN, and a Bedrock model by its foundation-model ARN', () => {
    expect(managedPolicyOf(main.legacy).at(-1)).toEqual({
      Sid: 'InvokeSageMakerEndpoint', Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: sageMakerEndpointArn('legacy-endpoint'),
    });
    expect(managedPolicyOf(main.chat).at(-1)).toEqual({
      Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: foundationModelArn('anthropic.claude-3-haiku-20240307-v1:0'),
    });
  });

  test('passes its configuration as one JSON variable and nothing else', () => {
    const fn = mainJson.Resources[idOf(main.claims.function)].Properties;
    expect(Object.keys(fn.Environment.Variables)).toEqual([MODEL_PROXY_CONFIG_ENV]);
    expect(fn.KmsKeyArn).toBeUndefined();
    expect(configOf(main.claims)).toEqual({
      version: 1,
      model: 'claims-triage',
      backend: { type: 'sagemaker', endpointName: main.claims.backendConfig.target },
      requestFormat: 'HUGGING_FACE',
      responseTextPath: 'generated_text',
      maxPromptLength: 16000,
      maxOutputTokens: 4096,
      restorePlaceholders: false,
      piiMasking: { mode: 'placeholder', allowlist: [], customPatterns: [] },
      maxBodyBytes: 16000 * 6 + 4096,
      injectionAction: 'block',
      injectionThreshold: 0.5,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      timeoutMarginMs: 1000,
      streamIdleTimeoutMs: 60_000,
    });
    expect(configOf(main.chat)).toMatchObject({ backend: { type: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      requestFormat: 'ANTHROPIC_MESSAGES', responseTextPath: 'content[0].text', restorePlaceholders: true });
    expect(configOf(main.legacy)).toMatchObject({ backend: { type: 'sagemaker', endpointName: 'Legacy-Endpoint' }, responseTextPath: 'outputs[0].text' });
  });
});

describe('PII masking options', () => {
  const { stack } = newTestStack('PiiStack');
  const network = new ModelNetwork(stack, 'Network');
  const backend = () => ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0');
  const tuned = new ModelProxyFunction(stack, 'Tuned', {
    network,
    modelName: 'support',
    maxPromptLength: 1000,
    backend: backend(),
    piiMasking: {
      entityTypes: [PiiEntityType.PHONE, PiiEntityType.EMAIL, PiiEntityType.CREDIT_CARD, PiiEntityType.EMAIL],
      mode: PiiMaskingMode.REDACT,
      allowlist: ['support@example.com', 'SKU-4111-1111'],
      customPatterns: [
        { name: 'EMPLOYEE_ID', pattern: '\\bEMP-\\d{6}\\b' },
        { name: 'TICKET', pattern: 'tkt-[a-z0-9]{8}', caseInsensitive: true },
      ],
    },
  });
  const everyType = new ModelProxyFunction(stack, 'EveryType', {
    network, modelName: 'every-type', maxPromptLength: 1000, backend: backend(), restorePlaceholders: true,
    piiMasking: { entityTypes: Object.values(PiiEntityType) },
  });
  const json = Template.fromStack(stack).toJSON() as { Resources: Record<string, Resource> };
  const config = (proxy: ModelProxyFunction) =>
    JSON.parse(json.Resources[stack.getLogicalId(proxy.function.node.defaultChild as never)].Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV]);
  const annotations = Annotations.fromStack(stack);

  test('the enum mirrors the masker\'s types, in its order', () => {
    expect(Object.values(PiiEntityType)).toEqual([...PII_TYPES]);
    expect(PII_ENTITY_TYPES).toEqual(PII_TYPES);
  });

  test('reach the function\'s configuration: types once each in canonical order, the mode, the allowlist and the patterns', () => {
    expect(config(tuned).piiMasking).toEqual({
      mode: 'redact',
      entityTypes: ['EMAIL', 'PHONE', 'CREDIT_CARD'],
      allowlist: ['support@example.com', 'SKU-4111-1111'],
      customPatterns: [
        { name: 'EMPLOYEE_ID', pattern: '\\bEMP-\\d{6}\\b', caseInsensitive: false },
        { name: 'TICKET', pattern: 'tkt-[a-z0-9]{8}', caseInsensitive: true },
      ],
    });
    expect(config(everyType)).toMatchObject({ restorePlaceholders: true, piiMasking: { mode: 'placeholder', entityTypes: [...PII_TYPES] } });
  });

  test('warn with an id, naming every type that is no longer masked', () => {
    const off = PII_TYPES.filter((t) => !['EMAIL', 'PHONE', 'CREDIT_CARD'].includes(t));
    const warnings = annotations.findWarning('/PiiStack/Tuned', Match.stringLikeRegexp('secure-ai-gateway:piiTypesNotMasked'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    expect(text).toContain(`leaves out ${off.join(', ')}: the proxy of support passes them`);
    expect(text).not.toMatch(/\bEMAIL\b|\bPHONE\b|CREDIT_CARD/);
  });

  test('add no warning when every type stays masked', () => {
    expect(annotations.findWarning('/PiiStack/EveryType', Match.anyValue())).toHaveLength(0);
    expect(annotations.findWarning('/PiiStack/Network', Match.stringLikeRegexp('piiTypesNotMasked'))).toHaveLength(0);
  });
});

describe('snapshot', () => {
  test('of the SageMaker proxy and its model endpoint', () => {
    const ours = Object.fromEntries(Object.entries(mainJson.Resources).filter(([id]) => id.startsWith('Claims')));
    expect(ours).toMatchSnapshot();
  });
});

describe('SageMakerModelEndpoint', () => {
  const endpoint = main.claims.node.findChild('ModelEndpoint');
  const model = () => resources('AWS::SageMaker::Model')[0][1].Properties;

  test('runs the model with network isolation in the isolated subnets', () => {
    expect(model()).toMatchObject({
      EnableNetworkIsolation: true,
      PrimaryContainer: { Image: TGI_IMAGE, ModelDataUrl: 's3://model-artifacts/claims/model.tar.gz' },
      VpcConfig: {
        Subnets: resources('AWS::EC2::Subnet').map(([id]) => ({ Ref: id })),
        SecurityGroupIds: [getAtt(endpoint.node.findChild('SecurityGroup'), 'GroupId')],
      },
    });
  });

  test('encrypts the ML volumes with a rotating customer-managed key and captures no data', () => {
    const [[, config]] = resources('AWS::SageMaker::EndpointConfig');
    expect(config.Properties.KmsKeyId).toEqual(getAtt(endpoint.node.findChild('Key'), 'Arn'));
    expect(config.Properties.DataCaptureConfig).toBeUndefined();
    expect(mainJson.Resources[idOf(endpoint.node.findChild('Key'))].Properties.EnableKeyRotation).toBe(true);
  });

  test('has a lower-case endpoint name that matches its ARN in IAM', () => {
    const [[, ep]] = resources('AWS::SageMaker::Endpoint');
    expect(ep.Properties.EndpointName).toMatch(/^[a-z0-9](-*[a-z0-9])*$/);
  });

  test('lets SageMaker pull only its image, read only its artifacts and write only its own logs', () => {
    const role = mainJson.Resources[idOf(endpoint.node.findChild('ExecutionRole'))].Properties;
    expect(role.AssumeRolePolicyDocument.Statement[0]).toEqual({
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const statements = mainJson.Resources[role.ManagedPolicyArns[0].Ref].Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.PullImage.Resource).toEqual(partitionArn(':ecr:eu-west-1:763104351884:repository/huggingface-pytorch-tgi-inference'));
    expect(bySid.ReadModelData).toMatchObject({ Action: 's3:GetObject', Resource: partitionArn(':s3:::model-artifacts/claims/model.tar.gz') });
    expect(JSON.stringify(bySid.EndpointLogs.Resource)).toContain(`/aws/sagemaker/Endpoints/${main.claims.backendConfig.target}`);
    expect(Object.keys(bySid).sort()).toEqual(['EcrLogin', 'EndpointLogs', 'EndpointMetrics', 'NetworkInterfaces', 'PullImage', 'ReadModelData']);
  });
});

describe('a self-hosted model server in an existing VPC, and the VPC link opt-out', () => {
  const { stack } = newTestStack('SelfHostedStack');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'Model', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const network = new ModelNetwork(stack, 'Network', { existingVpc: vpc });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'ModelServerNlb',
    { vpc, internetFacing: false, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const nlbSg = new ec2.SecurityGroup(stack, 'NlbSg', { vpc, allowAllOutbound: false });
  const proxy = new ModelProxyFunction(stack, 'Vllm', {
    network,
    modelName: 'vllm-chat',
    maxPromptLength: 8000,
    backend: ModelBackend.selfHosted({
      url: `https://${nlb.loadBalancerDnsName}:8443/v1/completions`,
      loadBalancer: nlbSg,
      requestFormat: RequestFormat.OPENAI_COMPLETIONS,
      requestModelName: 'meta-llama/Llama-3.1-8B-Instruct',
    }),
  });
  const api = new SecureRestApi(stack, 'Api', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
  api.addModelRoute('vllm-chat', { maxPromptLength: 8000, integration: new apigateway.LambdaIntegration(proxy.function) });
  const direct = new UnmaskedVpcLinkIntegration(stack, 'Direct', { networkLoadBalancer: nlb, url: `https://${nlb.loadBalancerDnsName}/generate` });
  api.addModelRoute('direct', { maxPromptLength: 8000, integration: direct.integration });
  const template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Record<string, Resource> };
  const ref = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId((c.node.defaultChild ?? c) as never);

  test('opens 8443 from the proxy to the load balancer\'s security group and nothing else', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [ref(proxy.securityGroup), 'GroupId'] }, DestinationSecurityGroupId: { 'Fn::GetAtt': [ref(nlbSg), 'GroupId'] }, FromPort: 8443,
        ToPort: 8443, IpProtocol: 'tcp',
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [ref(nlbSg), 'GroupId'] }, SourceSecurityGroupId: { 'Fn::GetAtt': [ref(proxy.securityGroup), 'GroupId'] }, FromPort: 8443,
        ToPort: 8443,
    });
    const egress = Object.values(json.Resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroupEgress'
      && JSON.stringify(r.Properties.GroupId) === JSON.stringify({ 'Fn::GetAtt': [ref(proxy.securityGroup), 'GroupId'] }));
    expect(egress).toHaveLength(1);
  });

  test('creates no interface endpoint and grants no AWS invoke action for a self-hosted server', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    const statements = json.Resources[ref(proxy.policy)].Properties.PolicyDocument.Statement as Array<{ Sid: string }>;
    expect(statements.map((s) => s.Sid)).toEqual(['WriteOwnLogs', 'Tracing', 'VpcNetworkInterfaces']);
  });

  test('puts the proxy in the existing VPC\'s isolated subnets and adds flow logs to that VPC', () => {
    const fn = json.Resources[ref(proxy.function)].Properties;
    const isolated = vpc.isolatedSubnets.map((s) => ({ Ref: ref(s as unknown as { node: { defaultChild?: unknown } }) }));
    expect(fn.VpcConfig.SubnetIds).toEqual(isolated);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: { Ref: ref(vpc) }, TrafficType: 'ALL' });
  });

  test('tells the handler the server URL and request format', () => {
    const config = JSON.parse(JSON.stringify(stack.resolve(json.Resources[ref(proxy.function)].Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV])));
    expect(JSON.stringify(config)).toContain(':8443/v1/completions');
    expect(JSON.stringify(config)).toContain('OPENAI_COMPLETIONS');
  });

  test('wires the proxy to a route in one line as a Lambda proxy integration', () => {
    const method = json.Resources[ref(api.methodFor('vllm-chat'))].Properties;
    expect(method.Integration.Type).toBe('AWS_PROXY');
    expect(JSON.stringify(method.Integration.Uri)).toContain(ref(proxy.function));
    template.hasResourceProperties('AWS::Lambda::Permission',
      { Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: { 'Fn::GetAtt': [ref(proxy.function), 'Arn'] } });
  });

  test('serves the VPC-link route as HTTP_PROXY over a VPC link, without forwarding the caller\'s token', () => {
    const method = json.Resources[ref(api.methodFor('direct'))].Properties;
    expect(method.Integration).toMatchObject({
      Type: 'HTTP_PROXY',
      IntegrationHttpMethod: 'POST',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: ref(direct.vpcLink as apigateway.VpcLink) },
      RequestParameters: { 'integration.request.header.Authorization': "'none'" },
      TimeoutInMillis: 29000,
    });
    template.hasResourceProperties('AWS::ApiGateway::VpcLink', { TargetArns: [{ Ref: ref(nlb) }] });
  });

  test('warns that the VPC-link route skips PII masking', () => {
    Annotations.fromStack(stack).hasWarning('/SelfHostedStack/Direct', Match.stringLikeRegexp('prompts and answers are not masked'));
    expect(Annotations.fromStack(stack).findWarning('/SelfHostedStack/Vllm', Match.anyValue())).toHaveLength(0);
  });
});

describe('opt-outs add warnings', () => {
  const { stack } = newTestStack('OptOutStack');
  const existing = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const egressNetwork = new ModelNetwork(stack, 'EgressNetwork', { existingVpc: existing, subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
  const quiet = new ModelNetwork(stack, 'Quiet', { flowLogs: false, restrictDefaultSecurityGroup: false });
  new ModelProxyFunction(stack, 'Plain', {
    network: quiet,
    modelName: 'plain',
    maxPromptLength: 1000,
    backend: ModelBackend.selfHosted({ url: 'http://10.0.3.17:8080/generate', loadBalancer: new ec2.Connections({ peer: ec2.Peer.ipv4('10.0.3.0/24') }),
      allowInsecureHttp: true }),
  });
  const annotations = Annotations.fromStack(stack);

  test.each([
    ['/OptOutStack/EgressNetwork', 'subnets are Private: the model functions have a route to the internet'],
    ['/OptOutStack/Quiet', 'flowLogs is false'],
    ['/OptOutStack/Quiet', 'restrictDefaultSecurityGroup is false'],
    ['/OptOutStack/Plain', 'allowInsecureHttp is true'],
  ])('%s warns: %s', (path, text) => {
    annotations.hasWarning(path, Match.stringLikeRegexp(text));
  });

  test('the network of private-with-egress subnets still hosts the proxy there', () => {
    expect(egressNetwork.vpc.selectSubnets(egressNetwork.subnets).subnets).toEqual(existing.privateSubnets);
  });
});

describe('props are validated', () => {
  const stack = () => newTestStack().stack;
  const proxyIn = (s: Stack, props: Partial<ModelProxyFunctionProps>) => new ModelProxyFunction(s, 'Proxy', {
    network: new ModelNetwork(s, 'Net'),
    modelName: 'm',
    maxPromptLength: 1000,
    backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep' }),
    ...props,
  });

  test.each<[string, (s: Stack) => unknown, RegExp]>([
    ['existingVpc comes with maxAzs', (s) => new ModelNetwork(s, 'N', { existingVpc: new ec2.Vpc(s, 'V'), maxAzs: 3 }),
      /either existingVpc or ipAddresses\/maxAzs/],
    ['a new VPC gets one availability zone', (s) => new ModelNetwork(s, 'N', { maxAzs: 1 }), /maxAzs: got 1/],
    ['a new VPC gets a subnet selection', (s) => new ModelNetwork(s, 'N', { subnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      /no subnet selection for a new VPC/],
    ['the timeout reaches API Gateway\'s 29 s', (s) => proxyIn(s, { timeout: Duration.seconds(29) }), /timeout: got "29 s"/],
    ['reserved concurrency is 0', (s) => proxyIn(s, { reservedConcurrency: 0 }), /reservedConcurrency/],
    ['the model name has capitals', (s) => proxyIn(s, { modelName: 'Chat' }), /modelName/],
    ['a SageMaker backend names both an endpoint and new endpoint props', (s) => proxyIn(s, {
      backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep', endpointProps: { imageUri: TGI_IMAGE, instanceType: 'ml.g5.xlarge' } }),
    }), /exactly one of existingEndpointName and endpointProps/],
    ['a SageMaker backend names neither', (s) => proxyIn(s, { backend: ModelBackend.sageMakerEndpoint({}) }), /exactly one of/],
    ['the response path is malformed',
      (s) => proxyIn(s, { backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep', responseTextPath: '$.outputs' }) }), /responseTextPath/],
    ['the image is not in ECR and no repository is given', (s) => proxyIn(s, {
      backend: ModelBackend.sageMakerEndpoint({ endpointProps: { imageUri: 'ghcr.io/huggingface/text-generation-inference:2.4',
        instanceType: 'ml.g5.xlarge' } }),
    }), /imageUri/],
    ['a volume key is given for an instance type with local storage', (s) => proxyIn(s, {
      backend: ModelBackend.sageMakerEndpoint({ endpointProps: { imageUri: TGI_IMAGE, instanceType: 'ml.g5.xlarge', encryptionKey: new kms.Key(s, 'K') } }),
    }), /SageMaker refuses a volume key/],
    ['a self-hosted URL is plain http without the opt-in', (s) => proxyIn(s, {
      backend: ModelBackend.selfHosted({ url: 'http://10.0.0.5/generate', loadBalancer: new ec2.Connections() }),
    }), /an https URL/],
    ['a self-hosted URL carries credentials', (s) => proxyIn(s, {
      backend: ModelBackend.selfHosted({ url: 'https://user@10.0.0.5/generate', loadBalancer: new ec2.Connections() }),
    }), /without credentials/],
    ['a Bedrock inference profile is of a geography without the stack\'s region', (s) => proxyIn(s, {
      backend: ModelBackend.bedrock('us.anthropic.claude-3-haiku-20240307-v1:0'),
    }), /this stack's region eu-west-1: the us geography routes to/],
    ['a non-Anthropic Bedrock model has no request format', (s) => proxyIn(s, { backend: ModelBackend.bedrock('amazon.titan-text-express-v1') }),
      /requestFormat and responseTextPath/],
    ['restorePlaceholders is set with the REDACT mode', (s) => proxyIn(s, { restorePlaceholders: true, piiMasking: { mode: PiiMaskingMode.REDACT } }),
      /Invalid piiMasking.mode: got "redact"; expected PiiMaskingMode.PLACEHOLDER while restorePlaceholders is true/],
    ['the mode is not one the proxy offers', (s) => proxyIn(s, { piiMasking: { mode: 'hash' as PiiMaskingMode } }), /Invalid piiMasking.mode: got "hash"/],
    ['an entity type is unknown', (s) => proxyIn(s, { piiMasking: { entityTypes: ['SSN' as PiiEntityType] } }),
       /Invalid piiMasking.entityTypes: got "SSN"; expected PiiEntityType values/],
    ['the allowlist holds more than 50 values', (s) => proxyIn(s, { piiMasking: { allowlist: Array.from({ length: 51 }, (_, i) => `SKU-${i}`) } }),
      /Invalid piiMasking.allowlist: got "51 values"; expected at most 50 values/],
    ['an allowlist value is longer than 128 characters', (s) => proxyIn(s, { piiMasking: { allowlist: ['ok', 'x'.repeat(129)] } }),
      /Invalid piiMasking.allowlist\[1\]: got "x{64}\.\.\."; expected 1 to 128 characters/],
    ['an allowlist value is blank', (s) => proxyIn(s, { piiMasking: { allowlist: ['  '] } }), /Invalid piiMasking.allowlist\[0\]/],
    ['an allowlist value holds a line break', (s) => proxyIn(s, { piiMasking: { allowlist: ['a\nb'] } }), /without control characters/],
    ['an allowlist value is a token', (s) => proxyIn(s, { piiMasking: { allowlist: [Fn.importValue('SupportAddress')] } }),
       /Invalid piiMasking.allowlist\[0\]: got .*; expected a literal string/],
    ['a custom pattern nests unbounded quantifiers', (s) => proxyIn(s, { piiMasking: { customPatterns: [{ name: 'ORDER', pattern: '(a+)+b' }] } }),
      /Invalid piiMasking.customPatterns\[0\].pattern: got "\(a\+\)\+b"; expected what the masker accepts; it refuses this one: a quantifier over a group/],
    ['a custom pattern uses lookaround', (s) => proxyIn(s, { piiMasking: { customPatterns: [{ name: 'ORDER', pattern: 'ORD-(?=\\d)' }] } }),
      /customPatterns\[0\].pattern: got "ORD-\(\?=\\\\d\)"; .*lookaround is not supported \(at offset \d+\)/],
    ['a custom pattern matches the empty string', (s) => proxyIn(s, { piiMasking: { customPatterns: [{ name: 'ORDER', pattern: '\\d*' }] } }),
       /matches the empty string/],
    ['a custom pattern needs more automaton states than the masker builds', (s) => proxyIn(s, {
      piiMasking: { customPatterns: [{ name: 'BIG', pattern: '(?:\\w{100}){50}' }] },
    }),
      /customPatterns\[0\].pattern: .*more than 4000 automaton states/],
    ['a custom pattern is longer than 500 characters, without echoing it', (s) => proxyIn(s, {
      piiMasking: { customPatterns: [{ name: 'LONG', pattern: 'a'.repeat(501) }] },
    }),
      /Invalid piiMasking.customPatterns\[0\].pattern: got "501 characters"; expected at most 500 characters/],
    ['a custom pattern name is lower-case', (s) => proxyIn(s, { piiMasking: { customPatterns: [{ name: 'order', pattern: 'ORD-\\d+' }] } }),
      /Invalid piiMasking.customPatterns\[0\].name: got "order"; expected \[A-Z\]\[A-Z0-9_\]\{0,31\}/],
    ['a custom pattern takes a built-in type\'s name', (s) => proxyIn(s, { piiMasking: { customPatterns: [{ name: 'EMAIL', pattern: 'mail-\\d+' }] } }),
      /customPatterns\[0\].name: got "EMAIL".*is a built-in type/],
    ['two custom patterns share a name', (s) => proxyIn(s, {
      piiMasking: { customPatterns: [{ name: 'ORDER', pattern: 'A\\d+' }, { name: 'ORDER', pattern: 'B\\d+' }] },
    }),
      /customPatterns\[1\].name: got "ORDER"; expected a name no other custom pattern of this model uses/],
    ['there are more than 10 custom patterns', (s) => proxyIn(s, {
      piiMasking: { customPatterns: Array.from({ length: 11 }, (_, i) => ({ name: `P${i}`, pattern: `P${i}-\\d+` })) },
    }), /Invalid piiMasking.customPatterns: got "11 patterns"; expected at most 10/],
    ['the options outgrow the function\'s environment', (s) => proxyIn(s, {
      piiMasking: { customPatterns: Array.from({ length: 5 }, (_, i) => ({ name: `P${i}`, pattern: `P${i}-${'x'.repeat(450)}` })) },
    }), /Invalid piiMasking: got "options of \d+ bytes"; expected at most 2048 bytes/],
    ['the VPC link integration gets both a load balancer and a link', (s) => new UnmaskedVpcLinkIntegration(s, 'D', {
      url: 'https://model.internal/generate',
      networkLoadBalancer: new elbv2.NetworkLoadBalancer(s, 'Nlb', { vpc: new ec2.Vpc(s, 'V') }),
      existingVpcLink: apigateway.VpcLink.fromVpcLinkId(s, 'L', 'abc123'),
    }), /exactly one of networkLoadBalancer and existingVpcLink/],
  ])('fails when %s', (_what, build, message) => {
    expect(() => build(stack())).toThrow(message);
  });

  test('takes no volume key for a local-storage instance type and creates none', () => {
    const s = stack();
    proxyIn(s, { backend: ModelBackend.sageMakerEndpoint({ endpointProps: { imageUri: TGI_IMAGE, instanceType: 'ml.g5.xlarge' } }) });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.absent() });
    expect(Object.values(t.findResources('AWS::KMS::Key')).map((k) => k.Properties.Description)).not.toContain(expect.stringMatching(/ML storage volumes/));
  });
});

describe('model backends in the gateway', () => {
  const { stack } = newTestStack('GatewayModels');
  const gateway = new SecureAiGateway(stack, 'Gateway', {
    models: [
      { name: 'chat', backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'chat-endpoint' }), reservedConcurrency: 4, restorePlaceholders: true },
      { name: 'pending' },
    ],
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    authorization: { mode: AuthorizationMode.COGNITO },
    autoBlock: false,
  });
  const t = Template.fromStack(stack);

  test('serves a model with a backend through its proxy, and a model without one from the 501 mock', () => {
    const chat = stack.resolve((gateway.methodFor('chat').node.defaultChild as apigateway.CfnMethod).integration) as Record<string, any>;
    expect(chat.type).toBe('AWS_PROXY');
    expect(JSON.stringify(chat.uri)).toContain(stack.getLogicalId(gateway.proxyFor('chat').function.node.defaultChild as lambda.CfnFunction));
    const pending = stack.resolve((gateway.methodFor('pending').node.defaultChild as apigateway.CfnMethod).integration) as Record<string, any>;
    expect(pending.type).toBe('MOCK');
  });

  test('runs the proxies in the gateway\'s isolated network with the model\'s concurrency', () => {
    expect(gateway.network).toBeDefined();
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 4, VpcConfig: Match.anyValue() });
  });

  test('lets API Gateway invoke a proxy only from this account and never for console test calls', () => {
    const permissions = Object.values(t.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } }));
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(permission.Properties.SourceAccount).toBe('123456789012');
      expect(JSON.stringify(permission.Properties.SourceArn)).not.toContain('test-invoke-stage');
    }
  });

  test('warns when the injection guard is off', () => {
    const { stack: s } = newTestStack();
    const network = new ModelNetwork(s, 'Network');
    new ModelProxyFunction(s, 'Proxy', {
      network, modelName: 'chat', maxPromptLength: 100, backend: ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0'),
        injectionAction: InjectionAction.OFF,
    });
    Annotations.fromStack(s).hasWarning('/TestStack/Proxy', Match.stringLikeRegexp('injectionAction is OFF'));
  });

  test('hands a model\'s piiMasking to its proxy', () => {
    const { stack: s } = newTestStack();
    const gw = new SecureAiGateway(s, 'Gateway', {
      models: [{
        name: 'chat',
        backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'ep' }),
        piiMasking: { mode: PiiMaskingMode.REDACT, allowlist: ['SKU-1'] },
      }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
      autoBlock: false,
    });
    const fn = Template.fromStack(s).toJSON().Resources[s.getLogicalId(gw.proxyFor('chat').function.node.defaultChild as never)];
    const written = JSON.parse(fn.Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV]);
    expect(written.piiMasking).toEqual({ mode: 'redact', allowlist: ['SKU-1'], customPatterns: [] });
  });

  test('fails when a model without a backend, or with the unmasked VPC link, sets piiMasking', () => {
    const build = (model: Record<string, unknown>) => () => {
      const { stack: s } = newTestStack();
      return new SecureAiGateway(s, 'Gateway', {
        models: [{ name: 'chat', ...model }],
        cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
        authorization: { mode: AuthorizationMode.COGNITO },
      });
    };
    expect(build({ piiMasking: {} })).toThrow(/Invalid models\[chat\]: got "proxy options without a backend"/);
    const link = { integration: new apigateway.MockIntegration() } as unknown as UnmaskedVpcLinkIntegration;
    expect(build({ piiMasking: { mode: PiiMaskingMode.REDACT }, unmaskedVpcLink: link }))
      .toThrow(/Invalid models\[chat\].piiMasking: got "set with unmaskedVpcLink"/);
  });

  test('fails when a model has proxy options without a backend', () => {
    const { stack: s } = newTestStack();
    expect(() => new SecureAiGateway(s, 'Gateway', {
      models: [{ name: 'chat', reservedConcurrency: 3 }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
    })).toThrow(/Invalid models\[chat\]: got "proxy options without a backend"/);
  });
});
