import { Metrics } from '@aws-lambda-powertools/metrics';
import { GATEWAY_METRIC_NAMESPACE, MODEL_PROXY_SERVICE_NAME } from '../../lib/contracts/metric-names';

/**
 * Where Powertools Metrics writes its own notices. The model functions' dimension
 * sets share keys on purpose (ApiId in every set, always with the same value),
 * and Powertools warns about that on every publish: that notice is dropped, any
 * other goes to stderr.
 */
const POWERTOOLS_NOTICES = {
  debug: (...content: unknown[]) => console.debug(...content),
  info: (...content: unknown[]) => console.info(...content),
  warn: (...content: unknown[]) => {
    if (typeof content[0] === 'string' && /^EMF key "[A-Za-z]+" is defined as both/.test(content[0])) return;
    console.warn(...content);
  },
  error: (...content: unknown[]) => console.error(...content),
};

/** The EMF writer of the model functions' metrics: the gateway's namespace, the model proxy's service. */
export function createProxyMetricsWriter(): Metrics {
  return new Metrics({ namespace: GATEWAY_METRIC_NAMESPACE, serviceName: MODEL_PROXY_SERVICE_NAME, logger: POWERTOOLS_NOTICES });
}
