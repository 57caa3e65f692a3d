import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EncryptedLogGroupProps } from '../observability/encrypted-log-group';

/** What an AWS managed rule group does with the requests its rules match. */
export enum ManagedRuleAction {
  /** The group's rules act as AWS configured them (mostly Block). */
  BLOCK = 'BLOCK',
  /** Every rule of the group only counts and labels; nothing is blocked. */
  COUNT = 'COUNT',
}

/** The request header that identifies a caller for the per-caller rate limit. */
export enum CallerKeyHeader {
  /** The `Authorization` header (the bearer token). */
  AUTHORIZATION = 'authorization',
  /** The `x-api-key` header (API Gateway API keys). */
  API_KEY = 'x-api-key',
}

/** A rate limit enforced by a WAF rate-based rule. */
export interface RateLimitOptions {
  /** Requests allowed per key in one evaluation window: 10 to 2,000,000,000. */
  readonly limit: number;
  /**
   * The window WAF counts requests over: 1, 2, 5 or 10 minutes.
   * @default Duration.minutes(5)
   */
  readonly evaluationWindow?: Duration;
}

/** The per-caller rate limit. */
export interface CallerRateLimitOptions extends RateLimitOptions {
  /**
   * The header whose value identifies the caller. Requests without it are not
   * counted by this rule (the per-IP limit still counts them).
   * @default CallerKeyHeader.AUTHORIZATION
   */
  readonly header?: CallerKeyHeader;
}

/** Properties of an {@link AiWebAcl}. */
export interface AiWebAclProps {
  /**
   * Name of the web ACL, also its CloudWatch metric name: 1-128 characters of `[A-Za-z0-9_-]`.
   * @default - a name derived from the construct path
   */
  readonly webAclName?: string;

  /**
   * Largest request body accepted, in bytes (1 to 65,536). Larger bodies get a 413.
   * The body inspection limit is set to the smallest of 16/32/48/64 KB that
   * covers it, so WAF inspects every byte of every body it lets through.
   * @default 65536
   */
  readonly maxBodySize?: number;

  /**
   * Rate limit per source IP address.
   * @default - 2,000 requests per 5 minutes
   */
  readonly ipRateLimit?: RateLimitOptions;

  /**
   * Rate limit per caller, keyed on the value of a request header.
   * @default - 1,000 requests per 5 minutes per Authorization header value
   */
  readonly callerRateLimit?: CallerRateLimitOptions;

  /**
   * What the anonymous IP list (VPNs, Tor, open proxies) does. COUNT adds a warning.
   * @default ManagedRuleAction.BLOCK
   */
  readonly anonymousIpAction?: ManagedRuleAction;

  /**
   * Whether to block hosting and cloud providers (other than AWS) too. Most
   * callers of an inference API are servers, many of which run at such
   * providers, so by default that rule only counts.
   * @default false
   */
  readonly blockHostingProviderIps?: boolean;

  /**
   * Whether to add AWS WAF Bot Control (common level). It costs a monthly fee
   * plus a fee per million requests.
   * @default false
   */
  readonly botControl?: boolean;

  /**
   * Only requests from these countries (ISO 3166-1 alpha-2 codes) pass.
   * Not together with `blockedCountries`.
   * @default - no country restriction
   */
  readonly allowedCountries?: string[];

  /**
   * Requests from these countries (ISO 3166-1 alpha-2 codes) are blocked.
   * Not together with `allowedCountries`.
   * @default - no country restriction
   */
  readonly blockedCountries?: string[];

  /**
   * When set (with or without `allowedIpv6Cidrs`), only these IPv4 ranges may
   * call; every other source is blocked. Allowed sources still pass every other rule.
   * @default - no IPv4 allow list
   */
  readonly allowedIpv4Cidrs?: string[];

  /**
   * When set (with or without `allowedIpv4Cidrs`), only these IPv6 ranges may
   * call; every other source is blocked.
   * @default - no IPv6 allow list
   */
  readonly allowedIpv6Cidrs?: string[];

  /**
   * IPv4 ranges that are always blocked.
   * @default - none
   */
  readonly blockedIpv4Cidrs?: string[];

  /**
   * IPv6 ranges that are always blocked.
   * @default - none
   */
  readonly blockedIpv6Cidrs?: string[];

  /**
   * ARNs of REGIONAL IP sets maintained elsewhere (e.g. by an auto-block
   * function) whose addresses are blocked. More can be added with {@link AiWebAcl.addBlockedIpSet}.
   * @default - none
   */
  readonly blockedIpSetArns?: string[];

  /**
   * Properties of the encrypted log group created for the WAF logs. A
   * `logGroupName`, if given, must start with `aws-waf-logs-`. Not together with `existingLogGroup`.
   * @default - an EncryptedLogGroup named `aws-waf-logs-<unique name>`, kept one year and retained
   */
  readonly logGroupProps?: EncryptedLogGroupProps;

  /**
   * A log group you already have for the WAF logs; its name must start with
   * `aws-waf-logs-`. Not together with `logGroupProps`.
   * @default - a new EncryptedLogGroup
   */
  readonly existingLogGroup?: logs.ILogGroup;

  /**
   * Whether to log only requests that a rule blocked or counted, instead of
   * every request. Cheaper, but allowed requests leave no WAF log; adds a warning.
   * @default false
   */
  readonly logOnlyBlockedAndCounted?: boolean;
}
