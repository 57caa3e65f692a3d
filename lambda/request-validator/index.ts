export * from './validate-request';
export * from './policy';
export * from './payload';
export * from './rejection';
export * from './content-type';
export * from './injection/detect';
export * from './injection/reasons';
export { normalizeText, toNfkc, type NormalizedText } from './unicode';
