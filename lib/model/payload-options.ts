import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ModelPayloadOptions, RequestFormat } from './backend-options';
import { stringProblem } from '../contracts/field-rules';
import { DEFAULT_RESPONSE_TEXT_PATHS, REQUEST_MODEL_NAME, RESPONSE_TEXT_PATH } from '../contracts/model-proxy';
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
  if (Token.isUnresolved(responseTextPath) || stringProblem(responseTextPath, RESPONSE_TEXT_PATH) !== undefined) {
    invalidProp(scope, 'responseTextPath', responseTextPath, RESPONSE_TEXT_PATH.patternRule);
  }
  const modelNameProblem = options.requestModelName === undefined ? undefined : stringProblem(options.requestModelName, REQUEST_MODEL_NAME);
  if (modelNameProblem !== undefined) invalidProp(scope, 'requestModelName', options.requestModelName, modelNameProblem);
  return { requestFormat, responseTextPath, requestModelName: options.requestModelName };
}
