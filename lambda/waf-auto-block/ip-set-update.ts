import {
  GetIPSetCommand,
  UpdateIPSetCommand,
  WAFOptimisticLockException,
  type GetIPSetCommandOutput,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { waitBeforeRetry } from './backoff';
import type { IpSetRef } from './config';
import type { InvocationEnv } from './invocation-env';

/** What to write, given the addresses the IP set holds now. */
export interface IpSetPlan<T> {
  /** The full new address list, or undefined when nothing changes (then no UpdateIPSet is sent). */
  readonly addresses: readonly string[] | undefined;
  /** Whatever the caller wants back about this plan (added, skipped, ...). */
  readonly detail: T;
}

export type IpSetUpdateResult<T> =
  | { readonly outcome: 'updated' | 'unchanged'; readonly detail: T; readonly lockRetries: number }
  /** Every attempt lost the optimistic lock, or the time ran out: nothing was written. */
  | { readonly outcome: 'lockExhausted'; readonly lockRetries: number };

export function getIpSet(client: WAFV2Client, ref: IpSetRef): Promise<GetIPSetCommandOutput> {
  return client.send(new GetIPSetCommand({ Name: ref.name, Id: ref.id, Scope: ref.scope }));
}

/**
 * Read-modify-write of an IP set under WAF's optimistic lock: GetIPSet, plan
 * against what is there now, UpdateIPSet with the lock token. When another
 * writer got in between (WAFOptimisticLockException) it re-reads and re-plans,
 * with jittered backoff, within the attempt bound and the invocation's time.
 * `first` reuses a GetIPSet answer the caller already holds for attempt one.
 * Errors other than the lock conflict propagate.
 */
export async function updateIpSet<T>(
  client: WAFV2Client,
  ref: IpSetRef,
  plan: (current: readonly string[]) => IpSetPlan<T>,
  env: InvocationEnv,
  first?: GetIPSetCommandOutput,
): Promise<IpSetUpdateResult<T>> {
  let snapshot = first;
  for (let attempt = 1; ; attempt++) {
    snapshot ??= await getIpSet(client, ref);
    const { addresses, detail } = plan(snapshot.IPSet?.Addresses ?? []);
    if (addresses === undefined) return { outcome: 'unchanged', detail, lockRetries: attempt - 1 };
    try {
      await client.send(new UpdateIPSetCommand({
        Name: ref.name,
        Id: ref.id,
        Scope: ref.scope,
        // UpdateIPSet replaces every mutable field; pass the description through so it is kept.
        Description: snapshot.IPSet?.Description,
        Addresses: [...addresses],
        LockToken: snapshot.LockToken,
      }));
      return { outcome: 'updated', detail, lockRetries: attempt - 1 };
    } catch (err) {
      if (!isLockConflict(err)) throw err;
      if (!(await waitBeforeRetry(attempt, env))) return { outcome: 'lockExhausted', lockRetries: attempt - 1 };
      snapshot = undefined;
    }
  }
}

function isLockConflict(err: unknown): boolean {
  return err instanceof WAFOptimisticLockException || (err as Error | undefined)?.name === 'WAFOptimisticLockException';
}
