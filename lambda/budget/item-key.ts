/**
 * The key of a scope's budget item: model, scope, caller id and month, e.g.
 * `chat-model#tenant#acme#2025-06`. One item per scope and month holds that
 * month's minute, day and month counters, so one conditional UpdateItem
 * reserves a call in all three windows. Ids are URI-encoded (a `#` in a
 * tenant name cannot forge another key) and hashed when long.
 */
import { createHash } from 'node:crypto';
import type { BudgetScopeName } from '../../lib/contracts/model-proxy';

const MAX_ENCODED_ID = 256;

export function budgetItemKey(model: string, scope: BudgetScopeName, id: string, monthKey: string): string {
  const encoded = encodeURIComponent(id);
  const safe = encoded.length <= MAX_ENCODED_ID ? encoded : `sha256:${createHash('sha256').update(id).digest('hex')}`;
  return `${model}#${scope}#${safe}#${monthKey}`;
}
