import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ModelPayloadOptions, RequestFormat } from './model-backend';
import { DEFAULT_RESPONSE_TEXT_PATHS, RESPONSE_TEXT_PATH_PATTERN } from './proxy-config';
import { invalidProp } from '../private/validation';

export interface ResolvedPayload {
  readonly requestFormat: RequestFormat;
  readonly responseTextPath: string;
  readonly requestModelName?: string;
}

/** Applies the format's defaults and checks the path syntax the handler accepts. */
export function resolvePayload(scope: IConstruct, options: ModelPayloadOptions, defaultFormat = RequestFormat.PASSTHROUGH): ResolvedPayload {
  const requestFormat = options.requestFormat ?? defaultFormat;
  if (!Object.values(RequestFormat).includes(requestFormat)) {
    invalidProp(scope, 'requestFormat', requestFormat, `one of ${Object.values(RequestFormat).join(', ')}`);
  }
  const responseTextPath = options.responseTextPath ?? DEFAULT_RESPONSE_TEXT_PATHS[requestFormat];
  if (Token.isUnresolved(responseTextPath) || !RESPONSE_TEXT_PATH_PATTERN.test(responseTextPath)) {
    invalidProp(scope, 'responseTextPath', responseTextPath, 'field names and [index] steps such as outputs[0].text');
  }
  if (options.requestModelName !== undefined && !/^[\x21-\x7e]{1,256}$/.test(options.requestModelName)) {
    invalidProp(scope, 'requestModelName', options.requestModelName, '1-256 printable characters without spaces');
  }
  return { requestFormat, responseTextPath, requestModelName: options.requestModelName };
}
