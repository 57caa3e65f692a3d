/**
 * Per-tenant secrets for the cache keys. Each is KMS `GenerateMac`
 * (HMAC_SHA_256) over the tenant's name with the route's HMAC key: the key
 * material never leaves KMS, so without `kms:GenerateMac` on that key the
 * table's partition keys cannot be recomputed or linked to a request. One
 * KMS call per tenant per execution environment; concurrent first calls
 * share it, and a failure is not remembered (the next call tries again).
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { CanonicalEncoder } from './canonical-encoding';

const DERIVATION_LABEL = 'secure-ai-gateway/response-cache/tenant-secret/v1';
/** More tenants than one function instance serves between cold starts; past it the oldest is dropped. */
const MAX_TENANTS = 10_000;

export interface TenantSecrets {
  secretFor(tenant: string): Promise<KeyObject>;
}

export function kmsTenantSecrets(kms: Pick<KMSClient, 'send'>, keyId: string, timeoutMs: number): TenantSecrets {
  const secrets = new Map<string, Promise<KeyObject>>();
  return {
    secretFor(tenant) {
      const known = secrets.get(tenant);
      if (known !== undefined) return known;
      const message = new CanonicalEncoder().text(DERIVATION_LABEL).text(tenant).bytes();
      const pending = kms.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }),
        { abortSignal: AbortSignal.timeout(timeoutMs) })
        .then((out) => {
          if (!(out.Mac instanceof Uint8Array) || out.Mac.length < 32) throw new Error('GenerateMac returned no MAC');
          return createSecretKey(Buffer.from(out.Mac));
        });
      pending.catch(() => {
        if (secrets.get(tenant) === pending) secrets.delete(tenant);
      });
      if (secrets.size >= MAX_TENANTS) secrets.delete(secrets.keys().next().value as string);
      secrets.set(tenant, pending);
      return pending;
    },
  };
}
