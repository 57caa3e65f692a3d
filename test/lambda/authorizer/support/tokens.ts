/**
 * Real keys and real signatures for authorizer tests: RSA and EC key pairs
 * from node:crypto, tokens signed here, JWKS built from the public halves.
 */
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export type TestAlg = 'RS256' | 'RS384' | 'ES256' | 'ES384';

export interface TestKey {
  readonly kid: string;
  readonly alg: TestAlg;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: PublicJwk;
}

export type PublicJwk = { readonly kty: string; readonly kid: string; readonly alg: string; readonly use: string } & Record<string, string>;

export function rsaKey(kid: string, alg: 'RS256' | 'RS384' = 'RS256'): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return withJwk(kid, alg, privateKey, publicKey);
}

export function ecKey(kid: string, alg: 'ES256' | 'ES384' = 'ES256'): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
  return withJwk(kid, alg, privateKey, publicKey);
}

function withJwk(kid: string, alg: TestAlg, privateKey: KeyObject, publicKey: KeyObject): TestKey {
  const exported = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const jwk: PublicJwk = { ...exported, kty: String(exported.kty), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, jwk };
}

export function jwksOf(...keys: readonly TestKey[]): { keys: PublicJwk[] } {
  return { keys: keys.map((k) => k.jwk) };
}

export function b64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

export function b64json(value: unknown): string {
  return b64url(JSON.stringify(value));
}

/** Signs `header.payload` with `key`; the header defaults to the key's alg and kid. */
export function signJwt(payload: Record<string, unknown>, key: TestKey, header: Record<string, unknown> = {}): string {
  const input = `${b64json({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })}.${b64json(payload)}`;
  return `${input}.${signature(input, key).toString('base64url')}`;
}

export function signature(input: string, key: TestKey): Buffer {
  const hash = key.alg.endsWith('256') ? 'sha256' : 'sha384';
  return key.alg.startsWith('ES')
    ? sign(hash, Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
    : sign(hash, Buffer.from(input), key.privateKey);
}

/** The classic confusion attack: HS256 with the public key (PEM) as the HMAC secret. */
export function signHs256WithPublicKey(payload: Record<string, unknown>, key: TestKey): string {
  const input = `${b64json({ alg: 'HS256', kid: key.kid, typ: 'JWT' })}.${b64json(payload)}`;
  const pem = key.publicKey.export({ format: 'pem', type: 'spki' });
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
