import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ApiInventory } from './api-inventory';
import { associatedWebAclArns, stageSummary, stageThrottleOf, tierLimits, webAclSummary } from './catalog-edge';
import { errorSchema, gatewayResponseTable, securityHeaders } from './catalog-errors';
import { CATALOG_EXTENSION, compact, JsonObject, PLACEHOLDER_NOTE } from './catalog-json';
import { buildOperation } from './catalog-operations';
import { ICatalogSource } from './catalog-source';
import { SecurityContext, securitySchemes } from './catalog-security';
import { exemptionsOf } from './exemptions';
import { ShadowApiGuard } from './shadow-api-guard';
import { webAclAssociationsOf } from './stage-rules';
import { AuthorizationMode } from '../identity/gateway-authorization';
import { intrinsicText } from '../private/intrinsic-text';
import { ApiKeySource } from '../traffic/usage-tier-options';

export interface CatalogInput {
  readonly gateway: ICatalogSource;
  readonly inventory: ApiInventory;
  readonly title: string;
  readonly version: string;
}

export const OPENAPI_VERSION = '3.1.0';

function securityContext(input: CatalogInput, stack: Stack): SecurityContext {
  const { gateway } = input;
  const auth = gateway.authorization;
  const firstModel = gateway.api.modelNames[0];
  return {
    stack,
    identity: auth.identity,
    jwtAuthorizerId: auth.jwtAuthorizer && intrinsicText(stack, auth.jwtAuthorizer.authorizer.authorizerId),
    cognitoAuthorizerId: auth.mode === AuthorizationMode.COGNITO && firstModel !== undefined
      ? intrinsicText(stack, auth.forModel(firstModel).authorizer.authorizerId) : undefined,
    modelAccess: auth.modelAccess,
    externalIssuers: auth.externalIssuers,
    apiKeyInHeader: (gateway.usageTiers?.keySource ?? ApiKeySource.HEADER) === ApiKeySource.HEADER,
  };
}

function servers(gateway: ICatalogSource, stack: Stack, cfnApi: apigateway.CfnRestApi, stageName: string): JsonObject[] {
  const list: JsonObject[] = [];
  const domain = gateway.api.domainName;
  if (domain) {
    const cfnDomain = domain.node.defaultChild as apigateway.CfnDomainName;
    const mapping = domain.node.findAll().find((c): c is apigateway.CfnBasePathMapping => c instanceof apigateway.CfnBasePathMapping);
    const basePath = mapping?.basePath === undefined ? '' : intrinsicText(stack, mapping.basePath);
    list.push({ url: `https://${intrinsicText(stack, cfnDomain.domainName)}/${basePath}`, description: 'Custom domain' });
  }
  if (stack.resolve(cfnApi.disableExecuteApiEndpoint) !== true) {
    const apiId = intrinsicText(stack, gateway.api.restApi.restApiId);
    const host = `${apiId}.execute-api.${intrinsicText(stack, stack.region)}.${intrinsicText(stack, stack.urlSuffix)}`;
    list.push({ url: `https://${host}/${stageName}`, description: 'Default execute-api endpoint' });
  }
  return list;
}

/** The OpenAPI 3.1 document of a gateway: every method of its REST API and what protects it. */
export function buildCatalogDocument(input: CatalogInput): JsonObject {
  const { gateway, inventory } = input;
  const stack = Stack.of(gateway);
  const cfnApi = gateway.api.restApi.node.defaultChild as apigateway.CfnRestApi;
  const cfnStage = gateway.api.stage.node.defaultChild as apigateway.CfnStage;
  const usageTiers = gateway.usageTiers?.tiers ?? [];
  const stageName = intrinsicText(stack, cfnStage.stageName);
  const stageAssociations = webAclAssociationsOf(cfnStage, inventory.associations);
  const security = securityContext(input, stack);
  const models = gateway.api.modelNames;

  const paths: Record<string, JsonObject> = {};
  const schemas: JsonObject = {};
  const schemesUsed = new Set<string>();
  for (const method of gateway.api.restApi.methods) {
    const chatModel = gateway.api.chatModelNames.find((name) => gateway.api.chatMethodFor(name) === method);
    const model = chatModel ?? models.find((name) => gateway.api.methodFor(name) === method);
    const apiKeyRequired = stack.resolve((method.node.defaultChild as apigateway.CfnMethod).apiKeyRequired) === true;
    const built = buildOperation({
      method,
      model,
      security,
      validators: inventory.validators,
      models: inventory.requestModels,
      stageThrottle: stageThrottleOf(cfnStage, method),
      tiers: apiKeyRequired ? tierLimits(usageTiers, model) : [],
      behindWebAcl: stageAssociations.length > 0,
      exemptions: exemptionsOf(method.node.defaultChild as apigateway.CfnMethod),
      proxied: model !== undefined && gateway.proxiedModels.includes(model),
      chat: chatModel !== undefined,
    });
    paths[method.resource.path] = { ...paths[method.resource.path], [built.key]: built.operation };
    Object.assign(schemas, built.schemas);
    built.schemes.forEach((scheme) => schemesUsed.add(scheme));
  }

  const endpoint = stack.resolve(cfnApi.endpointConfiguration) as { types?: string[] } | undefined;
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: input.title,
      version: input.version,
      description: 'Generated at synth from the construct tree by secure-ai-gateway: every method of the REST API with '
        + `the protections in front of it. ${PLACEHOLDER_NOTE}`,
    },
    servers: servers(gateway, stack, cfnApi, stageName),
    paths,
    components: {
      securitySchemes: securitySchemes(security, schemesUsed),
      schemas: { Error: errorSchema(), ...schemas },
      headers: securityHeaders(),
    },
    [CATALOG_EXTENSION]: compact({
      placeholders: PLACEHOLDER_NOTE,
      restApi: gateway.api.restApi.node.path,
      endpointType: endpoint?.types?.[0],
      tls: compact({ securityPolicy: stack.resolve(cfnApi.securityPolicy), endpointAccessMode: stack.resolve(cfnApi.endpointAccessMode) }),
      stage: stageSummary(cfnStage),
      webAcl: compact({
        ...gateway.webAcl ? webAclSummary(gateway.webAcl) : { source: gateway.existingWebAclAssociation ? 'existingWebAclArn' : 'disableWebAcl' },
        associated: associatedWebAclArns(cfnStage, stageAssociations),
      }),
      apiKeys: gateway.usageTiers && { source: gateway.usageTiers.keySource },
      usageTiers: usageTiers.length > 0 ? usageTiers.map((tier) => compact({
        tier: tier.name,
        rateLimit: tier.rateLimit,
        burstLimit: tier.burstLimit,
        quota: tier.quota && { limit: tier.quota.limit, period: tier.quota.period, offset: tier.quota.offset ?? 0 },
        modelThrottles: tier.modelThrottles?.map((t) => ({ model: t.model, rateLimit: t.rateLimit, burstLimit: t.burstLimit })),
      })) : undefined,
      gatewayResponses: gatewayResponseTable(),
      guard: {
        enabled: ShadowApiGuard.isGuarded(gateway),
        exemptions: ShadowApiGuard.exemptionsIn(gateway.api.restApi).map((e) => ({
          description: e.description, constructPath: e.constructPath, rules: e.rules, reason: e.reason })),
      },
    }),
  };
}
