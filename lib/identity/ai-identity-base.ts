import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';

/**
 * The Cognito side of a gateway: a user pool whose resource server defines
 * one scope per model and an admin scope. An {@link AiIdentity} created here,
 * or one imported with {@link AiIdentity.fromAiIdentityAttributes}.
 */
export interface IAiIdentity extends IConstruct {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;
  /** The issuer (`iss`) of the pool's tokens. */
  readonly issuer: string;
  /** The ids of the app clients whose tokens the gateway accepts (their `client_id` / `aud`). */
  readonly clientIds: string[];
  /** The full admin scope string, which grants every model, e.g. `ai-gateway/admin`. */
  readonly adminScopeName: string;
  /** The full scope string of a model, e.g. `ai-gateway/chat.invoke`; fails for a model the identity has no scope for. */
  scopeFor(model: string): string;
}

/** What every identity offers, whoever created its user pool. */
export abstract class AiIdentityBase extends Construct implements IAiIdentity {
  public abstract readonly userPool: cognito.IUserPool;
  public abstract readonly issuer: string;
  public abstract readonly clientIds: string[];
  public abstract readonly adminScopeName: string;
  public abstract scopeFor(model: string): string;
}
