import type { Logger } from '../shared/logger';
import type { AutoBlockDeps } from './deps';
import { ingestLogs } from './ingest';
import { sweepExpiredBlocks } from './sweep';
import { createSummary, noteError, summaryLogFields, type AutoBlockSummary, type Trigger } from './summary';

const SCHEDULED_DETAIL_TYPE = 'Scheduled Event';
const SUMMARY_MESSAGE = 'waf auto-block summary';

/**
 * Entry point for both triggers: a CloudWatch Logs subscription delivery
 * (count and block) or an EventBridge schedule (sweep expired blocks). Never
 * throws; writes exactly one summary line and returns the same summary.
 */
export async function handleAutoBlockEvent(event: unknown, deps: AutoBlockDeps, logger: Logger): Promise<AutoBlockSummary> {
  const trigger = triggerOf(event);
  const summary = createSummary(trigger);
  try {
    if (trigger === 'logs') await ingestLogs((event as { awslogs: { data?: unknown } }).awslogs.data, deps, summary);
    else if (trigger === 'sweep') await sweepExpiredBlocks(deps, summary);
  } catch (err) {
    // The steps catch their own AWS errors; this only keeps a bug from failing the batch.
    noteError(summary, err);
  }
  logger.log(needsAttention(summary) ? 'WARN' : 'INFO', SUMMARY_MESSAGE, summaryLogFields(summary));
  return summary;
}

function triggerOf(event: unknown): Trigger {
  if (typeof event !== 'object' || event === null) return 'unknown';
  const record = event as Record<string, unknown>;
  if (typeof record.awslogs === 'object' && record.awslogs !== null) return 'logs';
  if (record['detail-type'] === SCHEDULED_DETAIL_TYPE) return 'sweep';
  return 'unknown';
}

function needsAttention(summary: AutoBlockSummary): boolean {
  return summary.trigger === 'unknown'
    || summary.lockExhausted > 0
    || summary.skippedFull > 0
    || Object.keys(summary.errors).length > 0;
}
