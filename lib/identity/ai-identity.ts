import { Aws, Duration, Fn, RemovalPolicy, SecretValue, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AiIdentityAttributes } from './ai-identity-attributes';
import { AiIdentityBase, IAiIdentity } from './ai-identity-base';
import { ImportedAiIdentity } from './imported-ai-identity';
import { ADMIN_SCOPE_NAME, DEFAULT_RESOURCE_SERVER_ID, modelScopeName, RESOURCE_SERVER_ID } from './scope-names';
import { stringListProblem, stringProblem } from '../contracts/field-rules';
import { ABAC_ATTRIBUTE_NAME, ABAC_ATTRIBUTES, ABAC_ATTRIBUTES_ENV, ABAC_ATTRIBUTES_SEPARATOR } from '../contracts/pre-token';
import { SecureFunction } from '../private/secure-function';
import { invalidProp, validatePathSafeNames } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

/** Cognito threat protection (adaptive authentication, compromised-credential checks). */
export enum ThreatProtection {
  /** Plus feature plan with threat protection enforced: risky sign-ins are blocked or challenged. */
  ENFORCED = 'ENFORCED',
  /** Plus feature plan, threat protection only reports risk (a warning is added). */
  AUDIT_ONLY = 'AUDIT_ONLY',
  /** Essentials feature plan without threat protection, to save its cost (a warning is added). */
  OFF = 'OFF',
}

/** How a user-facing client signs users in. Never the implicit grant. */
export enum UserSignInFlow {
  /** Secure Remote Password from the app (no password crosses the wire). */
  SRP = 'SRP',
  /** OAuth authorization code grant through the managed login pages; public clients must use PKCE. */
  AUTHORIZATION_CODE = 'AUTHORIZATION_CODE',
}

/** A user group, for RBAC rules of the authorizer. */
export interface AiGroupOptions {
  /** Group name, as it appears in the `cognito:groups` claim. */
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** Lower wins when a user is in several groups. @default - none */
  readonly precedence?: number;
}

/** A machine-to-machine client (OAuth client credentials, generated secret). */
export interface MachineClientOptions {
  /** Client name. */
  readonly name: string;
  /** Models whose invoke scope the client may request. */
  readonly models: string[];
  /** Whether the client may request the admin scope. @default false */
  readonly admin?: boolean;
}

/** A client through which users sign in. */
export interface UserClientOptions {
  /** Client name. */
  readonly name: string;
  /** How users sign in. */
  readonly flow: UserSignInFlow;
  /** Models whose invoke scope the client may request (authorization code flow). @default - none */
  readonly models?: string[];
  /** Redirect URLs; https only, or http://localhost. Required for AUTHORIZATION_CODE. @default - none */
  readonly callbackUrls?: string[];
  /** Sign-out URLs. @default - none */
  readonly logoutUrls?: string[];
}

/** An external OpenID Connect identity provider (Okta, Auth0, Entra ID, ...). */
export interface OidcProviderOptions {
  /** Provider name shown on the sign-in page. */
  readonly name: string;
  /** The issuer URL (https). */
  readonly issuerUrl: string;
  /** The client id registered at the provider. */
  readonly clientId: string;
  /** The client secret, as a reference (Secrets Manager or SSM): never plain text in the template. */
  readonly clientSecret: SecretValue;
  /** Scopes to request. @default ['openid', 'email'] */
  readonly scopes?: string[];
  /** Provider attributes mapped onto pool attributes, e.g. `{ 'custom:tenant': 'tenant_id' }`. @default - email only */
  readonly attributeMapping?: { [poolAttribute: string]: string };
}

/** An external SAML 2.0 identity provider. */
export interface SamlProviderOptions {
  /** Provider name shown on the sign-in page. */
  readonly name: string;
  /** URL of the provider's SAML metadata document (https). */
  readonly metadataUrl: string;
  /** Provider attributes mapped onto pool attributes. @default - email only */
  readonly attributeMapping?: { [poolAttribute: string]: string };
}

/** Options of an {@link AiIdentity}; the gateway supplies the models itself. */
export interface AiIdentityOptions {
  /** Identifier of the resource server, the prefix of every scope. @default 'ai-gateway' */
  readonly resourceServerId?: string;
  /** Groups for RBAC. @default - none */
  readonly groups?: AiGroupOptions[];
  /** Machine-to-machine clients. Require `domainPrefix`. @default - none */
  readonly machineClients?: MachineClientOptions[];
  /** Clients for users. AUTHORIZATION_CODE clients require `domainPrefix`. @default - none */
  readonly userClients?: UserClientOptions[];
  /**
   * Prefix of the Cognito domain that serves the OAuth endpoints. Domain
   * prefixes are unique per region across all AWS accounts.
   * @default - when a client needs the OAuth endpoints (machine clients,
   * authorization-code clients): `ai-gateway-<the stack's unique id>`, unique
   * per stack and deployment; otherwise no domain
   */
  readonly domainPrefix?: string;
  /**
   * String custom attributes for ABAC (`custom:<name>`), e.g. tenant, tier,
   * data_class. No client may write them: only administrators set them. A pre
   * token generation trigger copies them into access tokens, where the JWT
   * authorizer reads them (Cognito puts custom attributes in ID tokens only).
   * @default - none
   */
  readonly abacAttributes?: string[];
  /** Threat protection. @default ThreatProtection.ENFORCED (Plus feature plan) */
  readonly threatProtection?: ThreatProtection;
  /** Whether SMS is offered as a second factor besides TOTP. @default false */
  readonly smsMfa?: boolean;
  /** Validity of access tokens, 5 minutes to 1 day. @default Duration.minutes(15) */
  readonly accessTokenValidity?: Duration;
  /** Validity of refresh tokens, 1 hour to 10 years. @default Duration.hours(8) */
  readonly refreshTokenValidity?: Duration;
  /** External OIDC providers. @default - none */
  readonly oidcProviders?: OidcProviderOptions[];
  /** External SAML providers. @default - none */
  readonly samlProviders?: SamlProviderOptions[];
  /**
   * What happens to the user pool when the stack is deleted. Deletion protection stays on
   * unless this is DESTROY (a warning is added).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of an {@link AiIdentity}. */
export interface AiIdentityProps extends AiIdentityOptions {
  /** The models: each gets the scope `<resourceServerId>/<model>.invoke`. */
  readonly models: string[];
}

const MIN_PASSWORD_LENGTH = 12;
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The identity side of the gateway: a Cognito user pool with secure defaults,
 * a resource server with one scope per model plus an admin scope, RBAC
 * groups, app clients and optional federation.
 */
export class AiIdentity extends AiIdentityBase {
  /** Identifier of the resource server when `resourceServerId` is not given. */
  public static readonly DEFAULT_RESOURCE_SERVER_ID: string = DEFAULT_RESOURCE_SERVER_ID;
  /** Name of the admin scope within the resource server. */
  public static readonly ADMIN_SCOPE_NAME: string = ADMIN_SCOPE_NAME;

  /**
   * A user pool that exists outside this app or stack, with the resource server
   * and scopes an AiIdentity would give it and the ids of its app clients.
   * Nothing is created; the gateway's authorizers are pointed at the pool.
   */
  public static fromAiIdentityAttributes(scope: Construct, id: string, attrs: AiIdentityAttributes): IAiIdentity {
    return new ImportedAiIdentity(scope, id, attrs);
  }

  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The resource server that defines the scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The Cognito domain, when `domainPrefix` was given. */
  public readonly domain?: cognito.UserPoolDomain;
  /** The issuer (`iss`) of the pool's tokens. */
  public readonly issuer: string;

  private readonly resourceServerId: string;
  private readonly modelScopes = new Map<string, cognito.ResourceServerScope>();
  private readonly adminScope: cognito.ResourceServerScope;
  private readonly clients = new Map<string, cognito.UserPoolClient>();
  private readonly groupNames: string[] = [];

  public constructor(scope: Construct, id: string, props: AiIdentityProps) {
    super(scope, id);
    this.validate(props);
    const threatProtection = props.threatProtection ?? ThreatProtection.ENFORCED;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    if (threatProtection !== ThreatProtection.ENFORCED) {
      warnOptOut(this, GatewayWarning.THREAT_PROTECTION_REDUCED,
        `threatProtection is ${threatProtection}: risky sign-ins (leaked credentials, unusual devices) are not blocked.`);
    }
    if (removalPolicy === RemovalPolicy.DESTROY) {
      warnOptOut(this, GatewayWarning.USER_POOL_DESTROYED_WITH_STACK,
        'removalPolicy is DESTROY: the user pool and every user in it are deleted with the stack.');
    }

    this.userPool = new cognito.UserPool(this, 'Resource', {
      featurePlan: threatProtection === ThreatProtection.OFF ? cognito.FeaturePlan.ESSENTIALS : cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: threatProtection === ThreatProtection.OFF ? undefined
        : threatProtection === ThreatProtection.ENFORCED ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      selfSignUpEnabled: false,
      signInCaseSensitive: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries((props.abacAttributes ?? []).map((name) => [name, new cognito.StringAttribute({ mutable: true, maxLen: 256 })])),
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: props.smsMfa ?? false },
      passwordPolicy: {
        minLength: MIN_PASSWORD_LENGTH,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
        passwordHistorySize: 24,
      },
      deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
      removalPolicy,
    });
    if ((props.abacAttributes ?? []).length > 0) this.addAbacClaimsTrigger(props.abacAttributes ?? []);
    this.issuer = `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;

    this.resourceServerId = props.resourceServerId ?? DEFAULT_RESOURCE_SERVER_ID;
    for (const model of props.models) {
      this.modelScopes.set(model, new cognito.ResourceServerScope({ scopeName: modelScopeName(model), scopeDescription: `Invoke model ${model}` }));
    }
    this.adminScope = new cognito.ResourceServerScope({ scopeName: ADMIN_SCOPE_NAME, scopeDescription: 'Invoke every model' });
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: this.resourceServerId,
      userPoolResourceServerName: this.resourceServerId,
      scopes: [...this.modelScopes.values(), this.adminScope],
    });

    for (const group of props.groups ?? []) {
      new cognito.CfnUserPoolGroup(this, `Group-${group.name}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
      this.groupNames.push(group.name);
    }

    const domainPrefix = props.domainPrefix ?? (needsOAuthDomain(props) ? defaultDomainPrefix() : undefined);
    if (domainPrefix) {
      this.domain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix },
        managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      });
    }

    const providers = this.addFederation(props);
    const accessTokenValidity = props.accessTokenValidity ?? Duration.minutes(15);
    const refreshTokenValidity = props.refreshTokenValidity ?? Duration.hours(8);
    const tokenSettings = {
      accessTokenValidity,
      idTokenValidity: accessTokenValidity,
      refreshTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      // ABAC attributes are set by administrators only: no client may write them.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    };

    for (const client of props.machineClients ?? []) {
      this.addClient(client.name, {
        ...tokenSettings,
        generateSecret: true,
        authFlows: {},
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        oAuth: {
          flows: { clientCredentials: true },
          scopes: this.scopesFor(client.models, client.admin ?? false),
        },
      });
    }
    for (const client of props.userClients ?? []) {
      const codeFlow = client.flow === UserSignInFlow.AUTHORIZATION_CODE;
      this.addClient(client.name, {
        ...tokenSettings,
        generateSecret: false,
        authFlows: { userSrp: !codeFlow },
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, ...providers],
        oAuth: codeFlow
          ? {
            flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
            callbackUrls: client.callbackUrls,
            logoutUrls: client.logoutUrls,
            scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, ...this.scopesFor(client.models ?? [], false)],
          }
          : { flows: { authorizationCodeGrant: false, implicitCodeGrant: false, clientCredentials: false }, callbackUrls: [], scopes: [] },
      });
    }
  }

  /** The full scope string of a model, e.g. `ai-gateway/chat.invoke`. */
  public scopeFor(model: string): string {
    const scope = this.modelScopes.get(model);
    if (!scope) invalidProp(this, 'model', model, `one of ${[...this.modelScopes.keys()].join(', ')}`);
    return `${this.resourceServerId}/${scope.scopeName}`;
  }

  /** The full admin scope string, which grants every model. */
  public get adminScopeName(): string {
    return `${this.resourceServerId}/${this.adminScope.scopeName}`;
  }

  /** The app client with the given name. */
  public clientFor(name: string): cognito.UserPoolClient {
    const client = this.clients.get(name);
    if (!client) invalidProp(this, 'client name', name, `one of ${[...this.clients.keys()].join(', ')}`);
    return client;
  }

  /** The ids of every app client: the audiences the authorizer accepts. */
  public get clientIds(): string[] {
    return [...this.clients.values()].map((client) => client.userPoolClientId);
  }

  /** The names of the RBAC groups. */
  public get groups(): string[] {
    return [...this.groupNames];
  }

  /** Cognito puts custom attributes in ID tokens only; this trigger adds them to access tokens too. */
  private addAbacClaimsTrigger(attributes: string[]): void {
    const trigger = new SecureFunction(this, 'AbacClaims', {
      assetName: 'pre-token',
      description: 'Adds administrator-set ABAC attributes to access tokens',
      environment: { [ABAC_ATTRIBUTES_ENV]: attributes.join(ABAC_ATTRIBUTES_SEPARATOR) },
      timeout: Duration.seconds(5),
      memorySize: 256,
      reservedConcurrentExecutions: 50,
    });
    trigger.acknowledgeOutsideVpc('The trigger only reads the user attributes Cognito passes in its event and calls no other service.');
    trigger.acknowledgeSynchronousOnly('Cognito');
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger.function, cognito.LambdaVersion.V2_0);
  }

  private scopesFor(models: string[], admin: boolean): cognito.OAuthScope[] {
    const scopes = models.map((model) => {
      const scope = this.modelScopes.get(model);
      if (!scope) invalidProp(this, 'client models', model, `one of the identity's models (${[...this.modelScopes.keys()].join(', ')})`);
      return cognito.OAuthScope.resourceServer(this.resourceServer, scope);
    });
    return admin ? [...scopes, cognito.OAuthScope.resourceServer(this.resourceServer, this.adminScope)] : scopes;
  }

  private addClient(name: string, options: cognito.UserPoolClientOptions): void {
    const client = this.userPool.addClient(`Client-${name}`, { userPoolClientName: name, ...options });
    this.clients.set(name, client);
  }

  private addFederation(props: AiIdentityProps): cognito.UserPoolClientIdentityProvider[] {
    const providers: cognito.UserPoolClientIdentityProvider[] = [];
    for (const oidc of props.oidcProviders ?? []) {
      const secret = oidc.clientSecret.unsafeUnwrap();
      if (!Token.isUnresolved(secret)) {
        invalidProp(this, `oidcProviders[${oidc.name}].clientSecret`, '(plain text)', 'a reference such as SecretValue.secretsManager(...), never plain text');
      }
      const idp = new cognito.UserPoolIdentityProviderOidc(this, `Oidc-${oidc.name}`, {
        userPool: this.userPool,
        name: oidc.name,
        issuerUrl: oidc.issuerUrl,
        clientId: oidc.clientId,
        clientSecret: secret,
        scopes: oidc.scopes ?? ['openid', 'email'],
        attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
        attributeMapping: mapping(oidc.attributeMapping),
      });
      this.userPool.registerIdentityProvider(idp);
      providers.push(cognito.UserPoolClientIdentityProvider.custom(idp.providerName));
    }
    for (const saml of props.samlProviders ?? []) {
      const idp = new cognito.UserPoolIdentityProviderSaml(this, `Saml-${saml.name}`, {
        userPool: this.userPool,
        name: saml.name,
        metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(saml.metadataUrl),
        attributeMapping: mapping(saml.attributeMapping),
      });
      this.userPool.registerIdentityProvider(idp);
      providers.push(cognito.UserPoolClientIdentityProvider.custom(idp.providerName));
    }
    return providers;
  }

  private validate(props: AiIdentityProps): void {
    if (!Array.isArray(props.models) || props.models.length === 0) invalidProp(this, 'models', props.models, 'at least one model');
    validatePathSafeNames(this, 'models', props.models);
    if (props.resourceServerId !== undefined && !RESOURCE_SERVER_ID.test(props.resourceServerId)) {
      invalidProp(this, 'resourceServerId', props.resourceServerId, '1-63 characters of [a-z0-9._-]');
    }
    const attributes = props.abacAttributes ?? [];
    for (const attribute of attributes) {
      const problem = stringProblem(attribute, ABAC_ATTRIBUTE_NAME);
      if (problem !== undefined) invalidProp(this, 'abacAttributes', attribute, problem);
    }
    const listProblem = stringListProblem(attributes, ABAC_ATTRIBUTES);
    if (listProblem !== undefined) invalidProp(this, 'abacAttributes', attributes, listProblem);
    validatePathSafeNames(this, 'groups[].name', (props.groups ?? []).map((g) => g.name));
    const clientNames = [...(props.machineClients ?? []), ...(props.userClients ?? [])].map((c) => c.name);
    validatePathSafeNames(this, 'client names', clientNames);
    const prefix = props.domainPrefix;
    if (prefix !== undefined && !Token.isUnresolved(prefix) && (!DOMAIN_PREFIX.test(prefix) || /aws|amazon|cognito/.test(prefix))) {
      invalidProp(this, 'domainPrefix', props.domainPrefix, '1-63 characters of [a-z0-9-], without "aws", "amazon" or "cognito"');
    }
    for (const client of props.userClients ?? []) {
      if (client.flow === UserSignInFlow.AUTHORIZATION_CODE && (client.callbackUrls ?? []).length === 0) {
        invalidProp(this, `userClients[${client.name}].callbackUrls`, client.callbackUrls, 'at least one redirect URL for the authorization code flow');
      }
      for (const url of [...(client.callbackUrls ?? []), ...(client.logoutUrls ?? [])]) {
        if (!Token.isUnresolved(url) && !/^https:\/\/|^http:\/\/localhost(:\d+)?(\/|$)/.test(url)) {
          invalidProp(this, `userClients[${client.name}] URL`, url, 'https URLs (or http://localhost for development)');
        }
      }
    }
    for (const provider of props.oidcProviders ?? []) {
      if (!Token.isUnresolved(provider.issuerUrl) && !provider.issuerUrl.startsWith('https://')) {
        invalidProp(this, `oidcProviders[${provider.name}].issuerUrl`, provider.issuerUrl, 'an https URL');
      }
    }
    for (const provider of props.samlProviders ?? []) {
      if (!Token.isUnresolved(provider.metadataUrl) && !provider.metadataUrl.startsWith('https://')) {
        invalidProp(this, `samlProviders[${provider.name}].metadataUrl`, provider.metadataUrl, 'an https URL');
      }
    }
    const access = props.accessTokenValidity;
    if (access && !access.isUnresolved() && (access.toMinutes() < 5 || access.toMinutes() > 24 * 60)) {
      invalidProp(this, 'accessTokenValidity', `${access.toMinutes()} minutes`, '5 minutes to 1 day');
    }
  }
}

function mapping(attributes: { [poolAttribute: string]: string } | undefined): cognito.AttributeMapping {
  const custom = Object.fromEntries(Object.entries(attributes ?? {})
    .filter(([poolAttribute]) => poolAttribute.startsWith('custom:'))
    .map(([poolAttribute, providerAttribute]) => [poolAttribute, cognito.ProviderAttribute.other(providerAttribute)]));
  const email = attributes?.email ?? 'email';
  return { email: cognito.ProviderAttribute.other(email), custom };
}

/** Machine clients and authorization-code clients use the OAuth endpoints, which live on the Cognito domain. */
function needsOAuthDomain(props: AiIdentityOptions): boolean {
  return (props.machineClients ?? []).length > 0
    || (props.userClients ?? []).some((c) => c.flow === UserSignInFlow.AUTHORIZATION_CODE);
}

/**
 * `ai-gateway-<uuid>`: the UUID part of the stack's id, known only at deploy
 * time, keeps the globally unique prefix free of collisions between stacks,
 * accounts and redeployments (46 characters of [a-z0-9-], no "aws").
 */
function defaultDomainPrefix(): string {
  return Fn.join('-', ['ai-gateway', Fn.select(2, Fn.split('/', Aws.STACK_ID))]);
}
