import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { MAX_PROMPT_LENGTH_LIMIT, SecureRestApi, SecureRestApiProps } from './api/secure-rest-api';
import { AiIdentity } from './identity/ai-identity';
import { GatewayAuthorization, GatewayAuthorizationProps } from './identity/gateway-authorization';
import { EncryptedLogGroup } from './observability/encrypted-log-group';
import { invalidProp, validatePathSafeNames, validateRange } from './private/validation';

/** A model exposed by the gateway. */
export interface AiModelProps {
  /** Name of the model in the route `POST /v1/models/<name>/invoke`: 1-64 characters of `[a-z0-9-]`. */
  readonly name: string;
  /**
   * Longest prompt accepted for this model, in characters.
   * @default - the gateway's `maxPromptLength`
   */
  readonly maxPromptLength?: number;
  /**
   * Largest `parameters.maxTokens` a caller may ask of this model.
   * @default 4096
   */
  readonly maxOutputTokens?: number;
}

/** Properties of a {@link SecureAiGateway}. */
export interface SecureAiGatewayProps extends SecureRestApiProps {
  /** The models to expose, one route each. At least one. */
  readonly models: AiModelProps[];
  /**
   * Longest prompt accepted, in characters, for models that do not set their own.
   * @default 32000
   */
  readonly maxPromptLength?: number;
  /**
   * Who may call which model.
   * @default - JWT mode: a new Cognito identity with one scope per model, checked by the JWT authorizer
   */
  readonly authorization?: GatewayAuthorizationProps;
}

export const DEFAULT_MAX_PROMPT_LENGTH = 32_000;

/**
 * A hardened API in front of AI models: one REST API with a route per model,
 * encrypted access logs, request validation, TLS policy, throttling and
 * uniform JSON error responses.
 */
export class SecureAiGateway extends Construct {
  /** The REST API construct with its stage and logs. */
  public readonly api: SecureRestApi;
  /** The REST API. */
  public readonly restApi: apigateway.RestApi;
  /** The deployed stage. */
  public readonly stage: apigateway.Stage;
  /** The encrypted log group of the access logs. */
  public readonly accessLogs: EncryptedLogGroup;
  /** The authorization of the routes: identity and authorizer. */
  public readonly authorization: GatewayAuthorization;
  /** The Cognito identity. */
  public readonly identity: AiIdentity;

  public constructor(scope: Construct, id: string, props: SecureAiGatewayProps) {
    super(scope, id);
    if (!Array.isArray(props.models) || props.models.length === 0) {
      invalidProp(this, 'models', props.models, 'at least one model');
    }
    validatePathSafeNames(this, 'models[].name', props.models.map((model) => model.name));
    const defaultPromptLength = props.maxPromptLength ?? DEFAULT_MAX_PROMPT_LENGTH;
    validateRange(this, 'maxPromptLength', defaultPromptLength, { min: 1, max: MAX_PROMPT_LENGTH_LIMIT });

    this.api = new SecureRestApi(this, 'Api', props);
    this.restApi = this.api.restApi;
    this.stage = this.api.stage;
    this.accessLogs = this.api.accessLogs;

    this.authorization = new GatewayAuthorization(this, 'Authorization', props.authorization ?? {}, props.models.map((m) => m.name));
    this.identity = this.authorization.identity;

    for (const model of props.models) {
      const { authorizer, authorizationScopes } = this.authorization.forModel(model.name);
      const method = this.api.addModelRoute(model.name, {
        maxPromptLength: model.maxPromptLength ?? defaultPromptLength,
        maxOutputTokens: model.maxOutputTokens,
        authorizer,
        authorizationScopes,
      });
      this.authorization.acknowledgeOn(method);
    }
  }

  /** The method of a model's route. */
  public methodFor(model: string): apigateway.Method {
    return this.api.methodFor(model);
  }
}
