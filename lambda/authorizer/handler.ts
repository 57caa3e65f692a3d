/** Lambda entry point: the authorizer is built once per container from `AUTHORIZER_CONFIG`. */
import { AUTHORIZER_CONFIG_ENV } from '../../lib/contracts/authorizer';
import { createAuthorizerFromEnv } from './from-env';

export const handler = createAuthorizerFromEnv(process.env[AUTHORIZER_CONFIG_ENV]);
