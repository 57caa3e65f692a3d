import { AUTO_BLOCK_CONFIG_ENV } from '../../lib/contracts/waf-auto-block';
import { createAutoBlockHandler } from './create-handler';

export const handler = createAutoBlockHandler(process.env[AUTO_BLOCK_CONFIG_ENV]);
