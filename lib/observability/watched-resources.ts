import { Duration, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { WatchedEndpoint, WatchedFunction } from './gateway-metrics';
import { MonitoredFunctionOptions, SageMakerEndpointOptions } from './monitoring-targets';
import { SAGEMAKER_ENDPOINT_NAME } from '../contracts/model-proxy';
import { invalidProp } from '../private/validation';

const LABEL = /^[A-Za-z0-9/_-]{1,100}$/;
export const DEFAULT_VARIANT_NAME = 'AllTraffic';
/** Lambda's timeout when a function sets none. */
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/**
 * The functions and endpoints a construct watches, each once: the alarms and
 * the dashboard both keep one, and refuse a label or an endpoint seen before.
 */
export class WatchedResources {
  public readonly functions: WatchedFunction[] = [];
  public readonly endpoints: WatchedEndpoint[] = [];

  public constructor(private readonly scope: Construct) {}

  public addFunction(props: MonitoredFunctionOptions): WatchedFunction {
    if (!LABEL.test(props.label)) invalidProp(this.scope, 'function label', props.label, '1-100 characters of [A-Za-z0-9/_-]');
    if (this.functions.some((fn) => fn.label === props.label)) {
      invalidProp(this.scope, 'function label', props.label, 'a label not used by another watched function');
    }
    if (this.functions.some((fn) => fn.function === props.function)) invalidProp(this.scope, 'function', props.label, 'a function not watched already');
    const ownTimeout = props.function instanceof lambda.Function
      ? props.function.timeout ?? Duration.seconds(LAMBDA_DEFAULT_TIMEOUT_SECONDS)
      : undefined;
    const timeout = props.timeout ?? ownTimeout;
    if (!timeout) invalidProp(this.scope, `timeout of function ${props.label}`, undefined, 'the timeout of a function that is not a lambda.Function');
    const watched = { label: props.label, function: props.function, timeout };
    this.functions.push(watched);
    return watched;
  }

  /** Labels of the functions `addFunctionsIn` would add: their paths under `root`, without a trailing `/Resource`. */
  public unwatchedFunctionsIn(root: IConstruct): MonitoredFunctionOptions[] {
    const rootPath = root.node.path;
    return root.node.findAll()
      .filter((c): c is lambda.Function => c instanceof lambda.Function && !this.functions.some((fn) => fn.function === c))
      .map((fn) => ({
        label: fn.node.path.slice(rootPath.length).replace(/^\//, '').replace(/\/Resource$/, '').replace(/[^A-Za-z0-9/_-]/g, '-').slice(-100) || 'Function',
        function: fn,
      }));
  }

  public addEndpoint(endpointName: string, options: SageMakerEndpointOptions = {}): WatchedEndpoint {
    const variantName = options.variantName ?? DEFAULT_VARIANT_NAME;
    for (const [prop, name] of [['endpointName', endpointName], ['variantName', variantName]] as const) {
      if (!Token.isUnresolved(name) && !SAGEMAKER_ENDPOINT_NAME.pattern.test(name)) invalidProp(this.scope, prop, name, SAGEMAKER_ENDPOINT_NAME.patternRule);
    }
    if (this.endpoints.some((e) => e.endpointName === endpointName && e.variantName === variantName)) {
      invalidProp(this.scope, 'endpointName', endpointName, 'an endpoint variant not watched already');
    }
    const watched = { endpointName, variantName };
    this.endpoints.push(watched);
    return watched;
  }
}
