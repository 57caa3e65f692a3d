import {
  GetIPSetCommand,
  UpdateIPSetCommand,
  WAFOptimisticLockException,
  WAFV2Client,
  type GetIPSetCommandInput,
  type UpdateIPSetCommandInput,
} from '@aws-sdk/client-wafv2';
import type { AwsClientStub } from 'aws-sdk-client-mock';

interface StoredSet {
  addresses: string[];
  description?: string;
  token: number;
}

/**
 * WAF IP sets with real optimistic locking: every write changes the lock
 * token and UpdateIPSet with a stale token fails. `interferences` simulate
 * another writer that changes a set between our read and our write.
 */
export class FakeIpSets {
  private readonly sets = new Map<string, StoredSet>();
  private readonly interferences: Array<(addresses: string[]) => string[]> = [];
  public updates = 0;

  public install(mock: AwsClientStub<WAFV2Client>): void {
    mock.on(GetIPSetCommand).callsFake((input: GetIPSetCommandInput) => this.get(input));
    mock.on(UpdateIPSetCommand).callsFake((input: UpdateIPSetCommandInput) => this.update(input));
  }

  public create(id: string, addresses: string[] = [], description?: string): void {
    this.sets.set(id, { addresses: [...addresses], description, token: 1 });
  }

  public addresses(id: string): string[] {
    return [...this.stored(id).addresses];
  }

  public description(id: string): string | undefined {
    return this.stored(id).description;
  }

  /** After each of the next reads, another writer applies `change` (and so moves the token). */
  public interfere(times: number, change: (addresses: string[]) => string[] = (a) => a): void {
    for (let i = 0; i < times; i++) this.interferences.push(change);
  }

  /** The other writer stops. */
  public stopInterfering(): void {
    this.interferences.length = 0;
  }

  private stored(id: string): StoredSet {
    const set = this.sets.get(id);
    if (set === undefined) throw new Error(`no IP set ${id}`);
    return set;
  }

  private get(input: GetIPSetCommandInput) {
    const set = this.stored(input.Id!);
    const answer = {
      IPSet: { Name: input.Name, Id: input.Id, ARN: 'arn', IPAddressVersion: 'IPV4', Addresses: [...set.addresses], Description: set.description },
      LockToken: String(set.token),
    };
    const change = this.interferences.shift();
    if (change !== undefined) {
      set.addresses = change([...set.addresses]);
      set.token++;
    }
    return answer;
  }

  private update(input: UpdateIPSetCommandInput) {
    const set = this.stored(input.Id!);
    if (input.LockToken !== String(set.token)) {
      throw new WAFOptimisticLockException({ message: 'stale lock token', $metadata: {} });
    }
    if (input.Addresses!.length > 10_000) throw new Error('WAFLimitsExceededException');
    set.addresses = [...input.Addresses!];
    set.description = input.Description;
    set.token++;
    this.updates++;
    return { NextLockToken: String(set.token) };
  }
}
