import { ShadowApiRule } from './shadow-api-rule';

/** A method or stage that fails rules of the {@link ShadowApiGuard}. */
export interface ShadowApiFinding {
  /** Construct path of the method's or stage's CloudFormation resource. */
  readonly constructPath: string;
  /** What it is, e.g. `GET /shadow` or `stage prod`. */
  readonly description: string;
  /** The REST API it belongs to: its construct path, or its id when it is imported. */
  readonly restApi: string;
  /** The rules it fails and is not exempted from. */
  readonly rules: ShadowApiRule[];
}

/** A method or stage exempted from rules of the {@link ShadowApiGuard}. */
export interface ShadowApiExemption {
  /** Construct path of the method's or stage's CloudFormation resource. */
  readonly constructPath: string;
  /** What it is, e.g. `GET /health` or `stage prod`. */
  readonly description: string;
  /** The REST API it belongs to: its construct path, or its id when it is imported. */
  readonly restApi: string;
  /** The rules it is exempted from. */
  readonly rules: ShadowApiRule[];
  /** Why. */
  readonly reason: string;
}
