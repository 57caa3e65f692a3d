/**
 * What budgets and the response cache bill per million calls, at us-east-1 on-demand list
 * prices (November 2026): the arithmetic behind the README's cost-control rows. Idle items
 * (keys, endpoints) are measured on a synthesized template with idleCost instead.
 */
export const DYNAMODB_PRICES = {
  /** USD per million write request units (1 KB each). */
  writeRequestUnit: 0.625,
  /** USD per million read request units (4 KB strongly consistent, 8 KB eventually consistent). */
  readRequestUnit: 0.125,
} as const;
/** USD per 10,000 KMS requests. */
export const KMS_REQUEST_PRICE = 0.03;

const writeUnits = (itemBytes: number) => Math.ceil(itemBytes / 1024);
const readUnits = (itemBytes: number, consistent: boolean) => Math.ceil(itemBytes / 4096) * (consistent ? 1 : 0.5);
const perMillion = (units: number, price: number) => Math.round(units * price * 10_000) / 10_000;

/** A reservation and a settlement: one UpdateItem each, per scope with limits (the items stay under 1 KB). */
export function budgetPerMillionPerScope(itemBytes = 600): number {
  return perMillion(2 * writeUnits(itemBytes), DYNAMODB_PRICES.writeRequestUnit);
}

/** The consistent GetItem after a rolled-over window or a refusal. */
export function budgetReadPerMillion(itemBytes = 600): number {
  return perMillion(readUnits(itemBytes, true), DYNAMODB_PRICES.readRequestUnit);
}

/** A hit reads the entry (eventually consistent). */
export function cacheHitPerMillion(answerBytes: number): number {
  return perMillion(readUnits(answerBytes, false), DYNAMODB_PRICES.readRequestUnit);
}

/** A miss reads nothing found (billed as the smallest read) and writes the answer. */
export function cacheMissPerMillion(answerBytes: number): number {
  return perMillion(readUnits(answerBytes, false), DYNAMODB_PRICES.readRequestUnit)
    + perMillion(writeUnits(answerBytes), DYNAMODB_PRICES.writeRequestUnit);
}

/** One GenerateMac per tenant per execution environment, for a million such derivations. */
export function generateMacPerMillion(): number {
  return KMS_REQUEST_PRICE * 100;
}
