import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ABAC_ATTRIBUTES_ENV, abacClaims, parseAttributeNames } from './claims';

const attributeNames = parseAttributeNames(process.env[ABAC_ATTRIBUTES_ENV]);

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
