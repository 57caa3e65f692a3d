import { CfnResource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { IConstruct } from 'constructs';
import { intrinsicText } from '../private/intrinsic-text';

/** A method found in the construct tree, L2 or L1 alone. */
export interface MethodEntry {
  readonly cfn: apigateway.CfnMethod;
  readonly httpMethod: string;
  /** Resource path, e.g. `/v1/models/chat/invoke`. */
  readonly path: string;
  /** Construct path of the REST API, or its id as text when the API is imported. */
  readonly restApi: string;
}

/** A stage found in the construct tree. */
export interface StageEntry {
  readonly cfn: apigateway.CfnStage;
  readonly stageName: string;
  readonly restApi: string;
}

/** What the guard and the catalog look at. */
export interface ApiInventory {
  readonly methods: MethodEntry[];
  readonly stages: StageEntry[];
  readonly validators: apigateway.CfnRequestValidator[];
  readonly requestModels: apigateway.CfnModel[];
  /** Every web ACL association of the whole app: a stage may be protected from another stack. */
  readonly associations: wafv2.CfnWebACLAssociation[];
}

/** By CloudFormation type rather than `instanceof`, so resources of another copy of aws-cdk-lib count too. */
function ofType<T extends CfnResource>(constructs: IConstruct[], type: string): T[] {
  return constructs.filter((c): c is T => CfnResource.isCfnResource(c) && c.cfnResourceType === type);
}

export function apiInventory(scope: IConstruct): ApiInventory {
  const inScope = scope.node.findAll();
  const inApp = scope.node.root.node.findAll();
  const resources = ofType<apigateway.CfnResource>(inApp, apigateway.CfnResource.CFN_RESOURCE_TYPE_NAME);
  const restApis = new Map(ofType<apigateway.CfnRestApi>(inApp, apigateway.CfnRestApi.CFN_RESOURCE_TYPE_NAME)
    .map((api) => [`${Stack.of(api).node.path}:${intrinsicText(Stack.of(api), api.ref)}`, api]));
  const restApiOf = (resource: CfnResource, id: unknown): string => {
    const stack = Stack.of(resource);
    const text = intrinsicText(stack, id);
    const api = restApis.get(`${stack.node.path}:${text}`);
    return api ? api.node.scope?.node.path ?? api.node.path : text;
  };
  return {
    methods: ofType<apigateway.CfnMethod>(inScope, apigateway.CfnMethod.CFN_RESOURCE_TYPE_NAME).map((cfn) => {
      const l2 = cfn.node.scope;
      const fromL2 = l2 instanceof apigateway.Method;
      return {
        cfn,
        httpMethod: fromL2 ? l2.httpMethod : String(Stack.of(cfn).resolve(cfn.httpMethod)),
        path: fromL2 ? l2.resource.path : l1ResourcePath(cfn, resources),
        restApi: restApiOf(cfn, cfn.restApiId),
      };
    }),
    stages: ofType<apigateway.CfnStage>(inScope, apigateway.CfnStage.CFN_RESOURCE_TYPE_NAME).map((cfn) => ({
      cfn,
      stageName: cfn.stageName === undefined ? '(unnamed)' : intrinsicText(Stack.of(cfn), cfn.stageName),
      restApi: restApiOf(cfn, cfn.restApiId),
    })),
    validators: ofType<apigateway.CfnRequestValidator>(inApp, apigateway.CfnRequestValidator.CFN_RESOURCE_TYPE_NAME),
    requestModels: ofType<apigateway.CfnModel>(inApp, apigateway.CfnModel.CFN_RESOURCE_TYPE_NAME),
    associations: ofType<wafv2.CfnWebACLAssociation>(inApp, wafv2.CfnWebACLAssociation.CFN_RESOURCE_TYPE_NAME),
  };
}

/** The path of a method defined with L1 constructs only, walked up through its CfnResources. */
function l1ResourcePath(method: apigateway.CfnMethod, resources: readonly apigateway.CfnResource[]): string {
  const stack = Stack.of(method);
  const byRef = new Map(resources.filter((r) => Stack.of(r) === stack).map((r) => [intrinsicText(stack, r.ref), r]));
  const parts: string[] = [];
  let current = byRef.get(intrinsicText(stack, method.resourceId));
  while (current && parts.length < 64) {
    parts.unshift(intrinsicText(stack, current.pathPart));
    current = byRef.get(intrinsicText(stack, current.parentId));
  }
  return `/${parts.join('/')}`;
}

/** How a finding names a method or a stage. */
export function describeMethod(entry: MethodEntry): string {
  return `${entry.httpMethod} ${entry.path}`;
}

export function describeStage(entry: StageEntry): string {
  return `stage ${entry.stageName}`;
}
