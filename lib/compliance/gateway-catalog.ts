import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attachCustomSynthesis, Stack, Stage } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct, IConstruct } from 'constructs';
import { apiInventory } from './api-inventory';
import { buildCatalogDocument } from './catalog-document';
import { ICatalogSource } from './catalog-source';
import { invalidProp } from '../private/validation';

/** Options of a gateway's API catalog. */
export interface GatewayCatalogOptions {
  /**
   * Name of the file the catalog is written to in the cloud assembly
   * directory (`cdk.out`) at synth; it must end with `.openapi.json`.
   * @default - `<stack artifact id>.<gateway path in the stack, with dots for slashes>.openapi.json`,
   * e.g. `SecureAiStack.Gateway.openapi.json`
   */
  readonly fileName?: string;
  /**
   * `info.title` of the document.
   * @default - the REST API's name
   */
  readonly title?: string;
  /**
   * `info.version` of the document.
   * @default '1.0.0'
   */
  readonly version?: string;
}

/** Properties of a {@link GatewayCatalog}. */
export interface GatewayCatalogProps extends GatewayCatalogOptions {
  /** The gateway to describe. */
  readonly gateway: ICatalogSource;
}

const FILE_NAME = /^[A-Za-z0-9][\w.-]{0,200}\.openapi\.json$/;

/**
 * The API catalog of a gateway (an {@link ICatalogSource} such as `SecureAiGateway`): an OpenAPI 3.1 document of
 * every method of its REST API with the protections in front of it (auth
 * mode and scopes, request schema, error answers, throttles, usage tiers,
 * web ACL rules, API key requirement, guard exemptions), built from the
 * construct tree. It is written into the cloud assembly at synth.
 *
 * Values that exist only after deployment (the API id, the user pool id)
 * are written as `${LogicalId}` or `${LogicalId.Attribute}`, as in Fn::Sub,
 * and other deploy-time values as `${Token}`.
 */
export class GatewayCatalog extends Construct {
  /** Name of the file written into the cloud assembly directory at synth. */
  public readonly fileName: string;

  private readonly props: GatewayCatalogProps;

  public constructor(scope: Construct, id: string, props: GatewayCatalogProps) {
    super(scope, id);
    this.props = props;
    this.fileName = props.fileName ?? defaultFileName(props.gateway);
    if (!FILE_NAME.test(this.fileName)) {
      invalidProp(this, 'fileName', this.fileName, 'a file name of [A-Za-z0-9_.-] that ends with .openapi.json');
    }
    this.node.addValidation({ validate: () => this.fileNameClashes() });
    // The hook through which the CDK lets a construct add files to the cloud assembly; runs only when validation passed.
    attachCustomSynthesis(this, {
      onSynthesize: (session) => writeFileSync(join(session.outdir, this.fileName), this.toJson()),
    });
  }

  /** The OpenAPI document, built from the construct tree as it is now; JSON-serializable. */
  public get document(): { [key: string]: unknown } {
    const { gateway } = this.props;
    const cfnApi = gateway.api.restApi.node.defaultChild as apigateway.CfnRestApi;
    return buildCatalogDocument({
      gateway,
      inventory: apiInventory(gateway.api.restApi),
      title: this.props.title ?? String(Stack.of(gateway).resolve(cfnApi.name)),
      version: this.props.version ?? '1.0.0',
    });
  }

  /** The document as the JSON text that is written at synth. */
  public toJson(): string {
    return `${JSON.stringify(this.document, null, 2)}\n`;
  }

  private fileNameClashes(): string[] {
    const stage = Stage.of(this);
    const clashing = (stage ?? this.node.root).node.findAll()
      .filter((c: IConstruct): c is GatewayCatalog => c instanceof GatewayCatalog && c !== this && c.fileName === this.fileName && Stage.of(c) === stage);
    return clashing.map((other) => `GatewayCatalog: ${other.node.path} writes the same file ${this.fileName}; give one of them another catalog fileName.`);
  }
}

function defaultFileName(gateway: Construct): string {
  const stack = Stack.of(gateway);
  const relative = gateway.node.scopes.slice(stack.node.scopes.length).map((c) => c.node.id);
  return `${stack.artifactId}.${relative.join('.')}.openapi.json`;
}
