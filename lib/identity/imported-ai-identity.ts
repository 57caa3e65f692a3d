import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AiIdentityAttributes } from './ai-identity-attributes';
import { AiIdentityBase } from './ai-identity-base';
import { ADMIN_SCOPE_NAME, DEFAULT_RESOURCE_SERVER_ID, modelScopeName, RESOURCE_SERVER_ID } from './scope-names';
import { invalidProp, validatePathSafeNames } from '../private/validation';

/** A user pool created elsewhere: nothing is created, its scopes and clients are taken as given. */
export class ImportedAiIdentity extends AiIdentityBase {
  public readonly userPool: cognito.IUserPool;
  public readonly issuer: string;
  public readonly clientIds: string[];
  public readonly adminScopeName: string;
  private readonly resourceServerId: string;
  private readonly models: string[];

  public constructor(scope: Construct, id: string, attrs: AiIdentityAttributes) {
    super(scope, id);
    if (!Array.isArray(attrs.models) || attrs.models.length === 0) invalidProp(this, 'models', attrs.models, 'at least one model');
    validatePathSafeNames(this, 'models', attrs.models);
    this.resourceServerId = attrs.resourceServerId ?? DEFAULT_RESOURCE_SERVER_ID;
    if (!RESOURCE_SERVER_ID.test(this.resourceServerId)) {
      invalidProp(this, 'resourceServerId', this.resourceServerId, '1-63 characters of [a-z0-9._-]');
    }
    const adminScope = attrs.adminScopeName ?? ADMIN_SCOPE_NAME;
    if (!/^[\w.-]{1,256}$/.test(adminScope)) invalidProp(this, 'adminScopeName', adminScope, 'a scope name of [A-Za-z0-9_.-]');
    this.userPool = attrs.userPool;
    this.models = [...attrs.models];
    this.clientIds = [...attrs.clientIds ?? []];
    this.adminScopeName = `${this.resourceServerId}/${adminScope}`;
    this.issuer = `https://cognito-idp.${attrs.userPool.env.region}.amazonaws.com/${attrs.userPool.userPoolId}`;
  }

  public scopeFor(model: string): string {
    if (!this.models.includes(model)) invalidProp(this, 'model', model, `one of the imported identity's models (${this.models.join(', ')})`);
    return `${this.resourceServerId}/${modelScopeName(model)}`;
  }
}
