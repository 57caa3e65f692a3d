import { CONFIG_ENV_VAR } from './constants';
import { createAutoBlockHandler } from './create-handler';

export const handler = createAutoBlockHandler(process.env[CONFIG_ENV_VAR]);
