import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ABAC_ATTRIBUTES_ENV } from '../../lib/contracts/pre-token';
import { createJsonLogger } from '../shared/logger';
import { abacClaims, parseAttributeNames } from './claims';

const parsed = parseAttributeNames(process.env[ABAC_ATTRIBUTES_ENV]);
if (!parsed.success) {
  // Sign-in goes on without ABAC claims: the authorizer's conditions then deny, which is the safe side.
  createJsonLogger({ service: 'pre-token' }).log('ERROR', 'ABAC attribute list rejected: no attributes are copied', { problems: parsed.errors.join('; ') });
}
const attributeNames = parsed.success ? parsed.data : [];

/** Cognito pre token generation trigger (event version 2): ABAC attributes into the access token. */
export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const claims = abacClaims(event.request?.userAttributes, attributeNames);
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
}
