import * as cognito from 'aws-cdk-lib/aws-cognito';

/** A user pool managed elsewhere, for {@link AiIdentity.fromAiIdentityAttributes}. */
export interface AiIdentityAttributes {
  /** The user pool, e.g. from `UserPool.fromUserPoolId` or `UserPool.fromUserPoolArn`. */
  readonly userPool: cognito.IUserPool;
  /**
   * The models whose scope, `<resourceServerId>/<model>.invoke`, the pool's
   * resource server defines (an AiIdentity in another stack defines exactly these).
   */
  readonly models: string[];
  /**
   * Identifier of the pool's resource server, the prefix of every scope.
   * @default 'ai-gateway'
   */
  readonly resourceServerId?: string;
  /**
   * Name of the scope that grants every model, within the resource server.
   * @default 'admin'
   */
  readonly adminScopeName?: string;
  /**
   * Ids of the app clients whose tokens the gateway accepts (the audiences
   * the JWT authorizer checks).
   * @default - none: in JWT mode the gateway then needs `externalIssuers`
   */
  readonly clientIds?: string[];
}
