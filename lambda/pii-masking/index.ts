export * from './types';
export * from './errors';
export { maskPii, validateMaskOptions, FAILED_CLOSED_TEXT } from './mask-pii';
export { maskJson } from './mask-json';
export { createPlaceholderMap, restorePlaceholders } from './placeholder-map';
export { DEFAULT_MODES } from './options';
