import { CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AuthorizationMode,
  CloudWatchRoleMode,
  EncryptedLogGroup,
  GatewayEndpointType,
  ModelBackend,
  SecureAiGateway,
  SecureAiGatewayProps,
} from '../../lib';
import { ACCESS_LOG_FIELDS } from '../../lib/api/access-log-format';
import { GATEWAY_ERRORS } from '../../lib/api/gateway-responses';
import { newTestStack, synthExampleStack } from '../setup/stacks';

const { stack: exampleStack, template } = synthExampleStack();
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function gatewayIn(stack: Stack, props: Partial<SecureAiGatewayProps> = {}): SecureAiGateway {
  return new SecureAiGateway(stack, 'Gateway', {
    models: [{ name: 'chat' }],
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    // The native authorizer keeps these stacks free of functions; JWT mode is tested with identity.
    authorization: { mode: AuthorizationMode.COGNITO },
    // The web ACL and automatic blocking have their own tests (edge-traffic).
    disableWebAcl: true,
    ...props,
  });
}

function templateOf(props: Partial<SecureAiGatewayProps>): Template {
  const { stack } = newTestStack();
  gatewayIn(stack, props);
  return Template.fromStack(stack);
}

function methodJson(method: apigateway.Method): Record<string, any> {
  return template.toJSON().Resources[exampleStack.getLogicalId(method.node.defaultChild as apigateway.CfnMethod)];
}

function vpcEndpointIn(stack: Stack): ec2.IInterfaceVpcEndpoint {
  return ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Vpce', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 });
}

describe('REST API', () => {
  test('is regional with an enhanced TLS policy in strict endpoint access mode', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      EndpointAccessMode: 'STRICT',
      DisableExecuteApiEndpoint: false,
      FailOnWarnings: true,
    });
  });

  test('has one POST invoke route and one POST chat completions route per model with a backend under /v1/models/<model>', () => {
    const resources = template.findResources('AWS::ApiGateway::Resource');
    const parts = Object.values(resources).map((r) => r.Properties.PathPart).sort();
    expect(parts).toEqual(['chat', 'chat', 'claims-triage', 'completions', 'completions', 'general-chat', 'invoke', 'invoke', 'models', 'v1']);
    template.resourceCountIs('AWS::ApiGateway::Method', 4);
    expect(exampleStack.gateway.methodFor('general-chat').httpMethod).toBe('POST');
    expect(exampleStack.gateway.methodFor('claims-triage').resource.path).toBe('/v1/models/claims-triage/invoke');
    expect(exampleStack.gateway.chatMethodFor('claims-triage').httpMethod).toBe('POST');
    expect(exampleStack.gateway.chatMethodFor('general-chat').resource.path).toBe('/v1/models/general-chat/chat/completions');
  });

  test('validates body and parameters of every invoke route against a closed JSON schema', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    const methods = ['general-chat', 'claims-triage'].map((model) => methodJson(exampleStack.gateway.methodFor(model)));
    for (const method of methods) {
      expect(method.Properties.RequestValidatorId).toBeDefined();
      expect(method.Properties.RequestModels['application/json']).toBeDefined();
      expect(method.Properties.RequestParameters).toEqual({ 'method.request.header.Content-Type': true });
    }
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({
        $schema: 'http://json-schema.org/draft-04/schema#',
        additionalProperties: false,
        required: ['prompt'],
        properties: Match.objectLike({
          prompt: { type: 'string', minLength: 1, maxLength: 16000 },
          parameters: Match.objectLike({ additionalProperties: false }),
        }),
      }),
    });
  });

  test('answers 501 in the error shape on a route without a model backend', () => {
    templateOf({}).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({
        Type: 'MOCK',
        PassthroughBehavior: 'NEVER',
        IntegrationResponses: [Match.objectLike({
          StatusCode: '501',
          ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"NotImplemented".*"requestId":"\\$context.requestId"') },
        })],
      }),
    });
  });
});

describe('chat completions route', () => {
  const chat = () => methodJson(exampleStack.gateway.chatMethodFor('general-chat')).Properties;
  const invoke = () => methodJson(exampleStack.gateway.methodFor('general-chat')).Properties;
  const proxy = exampleStack.gateway.proxyFor('general-chat');
  const chatFunctionId = exampleStack.getLogicalId(proxy.chatFunction.node.defaultChild as CfnElement);

  test('streams from the chat function through the response-streaming-invocations URI', () => {
    const integration = chat().Integration;
    expect(integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', ResponseTransferMode: 'STREAM' });
    const uri = JSON.stringify(integration.Uri);
    expect(uri).toContain('/2021-11-15/functions/');
    expect(uri).toContain('/response-streaming-invocations');
    expect(uri).toContain(chatFunctionId);
    expect(invoke().Integration.ResponseTransferMode).toBeUndefined();
    expect(JSON.stringify(invoke().Integration.Uri)).toContain('/2015-03-31/functions/');
  });

  test('waits 5 s longer than the chat function runs (5 min by default), within the 15 min of a stream', () => {
    expect(chat().Integration.TimeoutInMillis).toBe(305_000);
    expect(template.toJSON().Resources[chatFunctionId].Properties).toMatchObject({ Timeout: 300, ReservedConcurrentExecutions: 60 });
    expect(invoke().Integration.TimeoutInMillis).toBe(29_000);
  });

  test('lets API Gateway invoke the chat function for this method only, from this account, without a test-invoke permission', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'))
      .filter((p) => JSON.stringify(p.Properties.FunctionName).includes(chatFunctionId));
    expect(permissions).toHaveLength(1);
    const { Action, Principal, SourceAccount, SourceArn } = permissions[0].Properties;
    expect({ Action, Principal, SourceAccount })
      .toEqual({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceAccount: '123456789012' });
    const arn = JSON.stringify(SourceArn);
    expect(arn).toContain('/POST/v1/models/general-chat/chat/completions');
    expect(arn).not.toContain('test-invoke-stage');
  });

  test('is authorized, keyed and throttled like the model\'s invoke route', () => {
    expect(chat().AuthorizerId).toEqual(invoke().AuthorizerId);
    expect(chat().AuthorizationType).toBe(invoke().AuthorizationType);
    expect(chat().ApiKeyRequired).toBe(true);
    expect(invoke().ApiKeyRequired).toBe(true);
  });

  test('requires a Content-Type header and leaves the body to the chat function (OpenAI error shape)', () => {
    expect(chat().RequestParameters).toEqual({ 'method.request.header.Content-Type': true });
    expect(chat().RequestModels).toBeUndefined();
    const validator = template.toJSON().Resources[chat().RequestValidatorId.Ref].Properties;
    expect(validator).toMatchObject({ ValidateRequestBody: false, ValidateRequestParameters: true });
  });

  test('exists only for a model with a backend', () => {
    const { stack } = newTestStack();
    const gateway = gatewayIn(stack);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Method', 1);
    expect(() => gateway.chatMethodFor('chat')).toThrow(/Invalid model: got "chat"; expected a model with a chat completions route \(none\)/);
  });
});

describe('stage', () => {
  test('logs JSON access logs with the documented fields to the encrypted log group', () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.keys(format)).toEqual(expect.arrayContaining([
      'requestId', 'extendedRequestId', 'sourceIp', 'caller', 'principalId', 'userAgent', 'httpMethod', 'resourcePath',
      'status', 'protocol', 'responseLength', 'responseLatency', 'integrationLatency', 'integrationStatus',
      'authorizerError', 'authorizerStatus', 'wafStatus', 'wafResponseCode', 'apiKeyId',
    ]));
    const destination = stage.Properties.AccessLogSetting.DestinationArn['Fn::GetAtt'][0];
    const logGroup = template.toJSON().Resources[destination];
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
  });

  test('logs execution errors only, without data trace, with metrics, tracing and default throttling', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      ClientCertificateId: Match.anyValue(),
      MethodSettings: Match.arrayWith([Match.objectLike({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        CachingEnabled: false,
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      })]),
    });
  });

  test('uses the throttling given in props', () => {
    templateOf({ throttling: { rateLimit: 5, burstLimit: 10 } }).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })],
    });
  });
});

describe('gateway responses', () => {
  test('answer every refusal in one JSON shape with security headers and no internal detail', () => {
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse'));
    const types = responses.map((r) => r.Properties.ResponseType).sort();
    expect(types).toEqual(GATEWAY_ERRORS.map((e) => e.type.responseType).sort());
    expect(types).toEqual(expect.arrayContaining([
      'DEFAULT_4XX', 'DEFAULT_5XX', 'ACCESS_DENIED', 'UNAUTHORIZED', 'THROTTLED', 'WAF_FILTERED', 'REQUEST_TOO_LARGE', 'BAD_REQUEST_BODY',
    ]));
    for (const response of responses) {
      const body = JSON.parse(response.Properties.ResponseTemplates['application/json']);
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(body.error)).toEqual(['code', 'message', 'requestId']);
      expect(body.error.requestId).toBe('$context.requestId');
      expect(JSON.stringify(body)).not.toMatch(/\$context\.error|\$input|\$util/);
      expect(response.Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Strict-Transport-Security': "'max-age=31536000; includeSubDomains'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Cache-Control': "'no-store'",
      });
    }
  });

  test('map WAF blocks to 403 and throttling to 429', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'WAF_FILTERED', StatusCode: '403' });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'THROTTLED', StatusCode: '429' });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'REQUEST_TOO_LARGE', StatusCode: '413' });
  });
});

describe('EncryptedLogGroup', () => {
  const { stack } = newTestStack();
  new EncryptedLogGroup(stack, 'Named', { logGroupName: 'aws-waf-logs-test' });
  new EncryptedLogGroup(stack, 'Short', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
  const logTemplate = Template.fromStack(stack);

  test('encrypts with a rotating customer-managed key, keeps one year, retains both', () => {
    const groups = logTemplate.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: 'aws-waf-logs-test' } });
    const [group] = Object.values(groups);
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.DeletionPolicy).toBe('Retain');
    const keyId = group.Properties.KmsKeyId['Fn::GetAtt'][0];
    const key = logTemplate.toJSON().Resources[keyId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('admits CloudWatch Logs to the key only in the encryption context of this log group', () => {
    logTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowCloudWatchLogsForThisLogGroup',
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['',
                ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:', { Ref: 'AWS::AccountId' }, ':log-group:aws-waf-logs-test']] },
            },
          },
        })]),
      },
    });
  });

  test('warns when logs are deleted with the stack or kept less than a year', () => {
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Short', Match.stringLikeRegexp('will be deleted with the stack'));
    annotations.hasWarning('/TestStack/Short', Match.stringLikeRegexp('retention is 7 days'));
    expect(annotations.findWarning('/TestStack/Named', Match.anyValue())).toHaveLength(0);
  });
});

describe('CloudWatch role', () => {
  test('is our own least-privilege customer-managed policy, never the AWS managed one', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    const apigwRole = roles.find((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com'));
    expect(apigwRole).toBeDefined();
    expect(JSON.stringify(apigwRole)).not.toMatch(/AmazonAPIGatewayPushToCloudWatchLogs/);
    expect(apigwRole!.Properties.Policies).toBeUndefined();
    expect(apigwRole!.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'ExecutionLogs', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'] }),
          Match.objectLike({ Sid: 'AccessLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'] }),
        ]),
      },
    });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    expect(stage.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/CloudWatchRoleAccount/)]));
  });

  test('is left alone when the account already has one', () => {
    const t = templateOf({ cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
    t.resourceCountIs('AWS::ApiGateway::Account', 0);
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });
});

describe('private endpoint', () => {
  test('admits only the given execute-api VPC endpoints', () => {
    const { stack } = newTestStack();
    gatewayIn(stack, { endpointType: GatewayEndpointType.PRIVATE, vpcEndpoints: [vpcEndpointIn(stack)] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: ['vpce-0123456789abcdef0'] },
      Policy: {
        Statement: [
          { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*',
            Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0123456789abcdef0'] } } },
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*',
            Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-0123456789abcdef0'] } } },
        ],
      },
    });
  });
});

describe('custom domain', () => {
  test('uses the enhanced TLS policy in strict mode and disables the execute-api endpoint', () => {
    const { stack } = newTestStack();
    gatewayIn(stack, {
      customDomain: { domainName: 'ai.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'), basePath: 'ai' },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      EndpointAccessMode: 'STRICT',
      MutualTlsAuthentication: Match.absent(),
    });
    t.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { BasePath: 'ai' });
  });

  test('with mutual TLS uses the TLS 1.2 policy (API Gateway has no mTLS on enhanced policies)', () => {
    const { stack } = newTestStack();
    gatewayIn(stack, {
      customDomain: { domainName: 'ai.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
      mutualTls: { truststoreBucket: s3.Bucket.fromBucketName(stack, 'Trust', 'truststore-bucket'), truststoreKey: 'ca.pem', truststoreVersion: 'v1' },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'ai.example.com',
      SecurityPolicy: 'TLS_1_2',
      EndpointAccessMode: Match.absent(),
      EndpointConfiguration: { Types: ['REGIONAL'] },
      MutualTlsAuthentication: { TruststoreUri: 's3://truststore-bucket/ca.pem', TruststoreVersion: 'v1' },
    });
    t.resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
  });

  test('accepts the legacy TLS 1.2 policy without an endpoint access mode', () => {
    const { stack } = newTestStack();
    gatewayIn(stack, {
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      customDomain: { domainName: 'ai.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'TLS_1_2', EndpointAccessMode: Match.absent() });
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { SecurityPolicy: 'TLS_1_2', EndpointAccessMode: Match.absent() });
  });
});

describe('prop validation', () => {
  const cases: Array<[string, (stack: Stack) => Partial<SecureAiGatewayProps>, RegExp]> = [
    ['fails when no models are given', () => ({ models: [] }), /Invalid models: got \[\]; expected at least one model/],
    ['fails when a model name is duplicated', () => ({ models: [{ name: 'chat' }, { name: 'chat' }] }),
      /Invalid models\[\]\.name: got "chat"; expected unique names/],
    ['fails when a model name is not path-safe', () => ({ models: [{ name: 'Chat/../admin' }] }),
      /Invalid models\[\]\.name: got "Chat\/\.\.\/admin"; expected 1-64 characters of \[a-z0-9-\]/],
    ['fails when the rate limit is not positive', () => ({ throttling: { rateLimit: 0, burstLimit: 10 } }), /Invalid throttling\.rateLimit: got 0/],
    ['fails when the burst limit is not positive', () => ({ throttling: { rateLimit: 10, burstLimit: -1 } }),
      /Invalid throttling\.burstLimit: got -1; expected an integer from 1 to 5000/],
    ['fails when the prompt length is zero', () => ({ maxPromptLength: 0 }), /Invalid maxPromptLength: got 0; expected an integer from 1 to 262144/],
    ['fails when a model prompt length is too large', () => ({ models: [{ name: 'chat', maxPromptLength: 10_000_000 }] }),
      /Invalid maxPromptLength of model chat: got 10000000/],
    ['fails when a PRIVATE API has no VPC endpoints', () => ({ endpointType: GatewayEndpointType.PRIVATE }),
      /Invalid vpcEndpoints: got undefined; expected at least one execute-api interface VPC endpoint/],
    ['fails when VPC endpoints are given to a REGIONAL API', (s) => ({ vpcEndpoints: [vpcEndpointIn(s)] }),
      /Invalid vpcEndpoints: .*expected no VPC endpoints unless endpointType is PRIVATE/],
    ['fails when mutual TLS is asked without a custom domain',
      (s) => ({ mutualTls: { truststoreBucket: s3.Bucket.fromBucketName(s, 'T', 'truststore-bucket'), truststoreKey: 'ca.pem' } }),
      /Invalid mutualTls: got "ca.pem"; expected a customDomain as well/],
    ['fails when mutual TLS is combined with an enhanced TLS policy',
      (s) => ({
        securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09,
        customDomain: { domainName: 'ai.example.com',
          certificate: acm.Certificate.fromCertificateArn(s, 'C', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
        mutualTls: { truststoreBucket: s3.Bucket.fromBucketName(s, 'T', 'truststore-bucket'), truststoreKey: 'ca.pem' },
      }),
      /Invalid securityPolicy: got "SecurityPolicy_TLS13_1_3_2025_09"; expected TLS_1_2 when mutualTls is set/],
    ['fails when the chat timeout is not above the stream idle timeout',
      () => ({ models: [{ name: 'chat', backend: ModelBackend.bedrock(HAIKU), chatTimeout: Duration.seconds(60) }] }),
      /Invalid chatTimeout: got "60 s"; expected 61 to 895 seconds \(more than the 60 s stream idle timeout; the integration waits 5 s longer/],
    ['fails when the chat timeout leaves no room below the 15 minutes of a stream',
      () => ({ models: [{ name: 'chat', backend: ModelBackend.bedrock(HAIKU), chatTimeout: Duration.minutes(15) }] }),
      /Invalid chatTimeout: got "900 s"; expected 61 to 895 seconds/],
    ['fails when the chat reserved concurrency is zero',
      () => ({ models: [{ name: 'chat', backend: ModelBackend.bedrock(HAIKU), chatReservedConcurrency: 0 }] }),
      /Invalid chatReservedConcurrency: got 0; expected an integer from 1 to 1000/],
    ['fails when chat options are given to a model without a backend', () => ({ models: [{ name: 'chat', chatTimeout: Duration.minutes(2) }] }),
      new RegExp(String.raw`Invalid models\[chat\]: got "proxy options without a backend"; `
        + 'expected a backend for reservedConcurrency, capacity, chatReservedConcurrency, chatTimeout')],
    ['fails when the cloudWatchRole mode is unknown', () => ({ cloudWatchRole: 'MAYBE' as CloudWatchRoleMode }), /Invalid cloudWatchRole: got "MAYBE"/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    const { stack } = newTestStack();
    expect(() => gatewayIn(stack, props(stack))).toThrow(message);
  });

  test('names the construct path in the error', () => {
    const { stack } = newTestStack();
    expect(() => gatewayIn(stack, { models: [] })).toThrow(/^\[TestStack\/Gateway\] /);
  });
});

describe('example stack', () => {
  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});
