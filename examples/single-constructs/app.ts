#!/usr/bin/env node
/**
 * A consumer app that takes single constructs of secure-ai-gateway into REST
 * APIs it already has, the way a user would:
 *
 * - WebAclOnlyStack: the user's RestApi behind an AiWebAcl.
 * - JwtOnlyStack: the user's RestApi with the JwtAuthorizer on its route,
 *   behind a web ACL the platform team manages (associated by ARN).
 * - LogsOnlyStack: an EncryptedLogGroup on its own.
 *
 * The whole app is guarded by ShadowApiGuard: every method is authorized and
 * validated, every stage logged, throttled and behind a web ACL, except one
 * health check that is exempted with its reason.
 *
 * Synthesize it with `npx cdk synth --app "npx tsx examples/single-constructs/app.ts"`.
 */
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { AiWebAcl, EncryptedLogGroup, IssuerKind, JwtAuthorizer, ShadowApiGuard } from '../../lib';

/** A web ACL that a platform team manages outside this app. */
export const PLATFORM_WEB_ACL_ARN = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/platform-edge/0123abcd-0123-4567-89ab-0123456789ab';

/** Stage settings the user's APIs share: JSON access logs and default throttling. */
function deployOptions(scope: Construct): apigateway.StageOptions {
  return {
    accessLogDestination: new apigateway.LogGroupLogDestination(new EncryptedLogGroup(scope, 'AccessLogs').logGroup),
    accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
    throttlingRateLimit: 20,
    throttlingBurstLimit: 40,
  };
}

/** The user's orders API, put behind an AiWebAcl. */
export class WebAclOnlyStack extends Stack {
  public readonly api: apigateway.RestApi;
  public readonly webAcl: AiWebAcl;
  public readonly health: apigateway.Method;

  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.api = new apigateway.RestApi(this, 'OrdersApi', { deployOptions: deployOptions(this), cloudWatchRole: false });
    const validator = this.api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
    const orders = this.api.root.addResource('orders');
    orders.addMethod('GET', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
      requestValidator: validator,
      requestParameters: { 'method.request.querystring.customer': true },
    });
    this.health = this.api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration({
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: [{ statusCode: '200' }],
    }), { methodResponses: [{ statusCode: '200' }] });
    ShadowApiGuard.exempt(this.health, 'Load balancer health check: a mock integration answers 200 with no body; it takes no input and reads no data.');

    this.webAcl = new AiWebAcl(this, 'WebAcl', { maxBodySize: 16 * 1024 });
    this.webAcl.associate(this.api.deploymentStage);
  }
}

/** The user's summarization API, authorized by the JwtAuthorizer. */
export class JwtOnlyStack extends Stack {
  public readonly api: apigateway.RestApi;
  public readonly authorizer: JwtAuthorizer;

  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.authorizer = new JwtAuthorizer(this, 'Jwt', {
      issuers: [{ issuer: 'https://login.example.com', kind: IssuerKind.OIDC, audience: ['api://summaries'] }],
      modelAccess: [{ model: 'summarize', allowScopes: ['summaries.invoke'] }],
    });
    this.api = new apigateway.RestApi(this, 'SummariesApi', { deployOptions: deployOptions(this), cloudWatchRole: false });
    const model = this.api.addModel('Prompt', {
      contentType: 'application/json',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        type: apigateway.JsonSchemaType.OBJECT,
        additionalProperties: false,
        required: ['prompt'],
        properties: { prompt: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: 4000 } },
      },
    });
    // The authorizer decides from the route, which follows the gateway's layout: POST /v1/models/<model>/invoke.
    this.api.root.resourceForPath('v1/models/summarize/invoke').addMethod('POST', new apigateway.MockIntegration(), {
      authorizer: this.authorizer.authorizer,
      requestValidatorOptions: { validateRequestBody: true },
      requestModels: { 'application/json': model },
    });
    AiWebAcl.associateExisting(this, 'PlatformWebAcl', PLATFORM_WEB_ACL_ARN, this.api.deploymentStage);
  }
}

/** An encrypted log group for an application's audit logs. */
export class LogsOnlyStack extends Stack {
  public readonly auditLogs: EncryptedLogGroup;

  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.auditLogs = new EncryptedLogGroup(this, 'AuditLogs', { logGroupName: 'orders-audit' });
  }
}

export interface SingleConstructsApp {
  readonly app: App;
  readonly webAclOnly: WebAclOnlyStack;
  readonly jwtOnly: JwtOnlyStack;
  readonly logsOnly: LogsOnlyStack;
}

/** Builds the three stacks into an app and guards the whole app. */
export function buildSingleConstructsApp(app: App = new App(), props: StackProps = {}): SingleConstructsApp {
  const built = {
    app,
    webAclOnly: new WebAclOnlyStack(app, 'WebAclOnlyStack', props),
    jwtOnly: new JwtOnlyStack(app, 'JwtOnlyStack', props),
    logsOnly: new LogsOnlyStack(app, 'LogsOnlyStack', props),
  };
  ShadowApiGuard.of(app);
  return built;
}

if (require.main === module) {
  buildSingleConstructsApp().app.synth();
}
