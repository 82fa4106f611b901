import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ORGANISATION_LOOKUPS_PER_5_MIN, PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN } from '../shared/rate-limit/budgets';

/** What differs between a throwaway dev stage and the stages that hold real data. */
export interface StageConfig {
  stageName: string;
  /** Anything but `dev` holds real data: retained, deletion-protected. */
  holdsRealData: boolean;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  apiThrottle: { rateLimit: number; burstLimit: number };
  publicThrottle: { rateLimit: number; burstLimit: number };
  /**
   * /public/* requests one client (IP) may make per 5 minutes before the edge's WAF answers 429;
   * the application counts an anonymous client's certificate lookups (each pair of a batch) against
   * the same figure (shared/rate-limit/lookup-budget.ts).
   */
  publicRatePerClientPer5Min: number;
  /** Certificate lookups (each pair of a batch) one signed-in organisation (employer, issuer, admin) may make per 5 minutes. */
  organisationLookupsPer5Min: number;
  corsOrigins: string[];
  /**
   * The API's own custom domain: an API Gateway custom domain with a regional ACM certificate in
   * the platform's region, the name CloudFront reaches the API by (a DNS CNAME to the
   * `ApiDomainTarget` output must exist). When set, the default execute-api endpoint is disabled.
   * With or without it, CloudFront adds the origin-verification header and every HTTP function
   * refuses requests without it (shared/http/origin-verification.ts): a custom domain's regional
   * target still answers anyone who learns its name, so it alone does not prove the edge was passed.
   */
  apiDomain?: { domainName: string; certificateArn: string };
  /** Subscribed by email to the stage's alarm topic when set; otherwise operators subscribe (README "Operations"). */
  alarmEmail?: string;
  /** Thresholds of the alarms every service gets (infra/constructs/observability.ts). */
  alarms: {
    /** Per service: percentage of API requests answered 5xx, over 5 minutes… */
    api5xxRatePercent: number;
    /** …counted only once its routes got at least this many requests in those 5 minutes. */
    api5xxMinRequests: number;
    /** Per stream consumer: the oldest record not yet processed, at most this old. */
    iteratorAgeSeconds: number;
  };
  idempotencyTtl: Duration;
}

export function stageConfig(stageName: string, overrides: Partial<StageConfig> = {}): StageConfig {
  const holdsRealData = stageName !== 'dev';
  return {
    stageName,
    holdsRealData,
    removalPolicy: holdsRealData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: holdsRealData ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    publicThrottle: { rateLimit: 100, burstLimit: 200 },
    publicRatePerClientPer5Min: PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN,
    organisationLookupsPer5Min: ORGANISATION_LOOKUPS_PER_5_MIN,
    corsOrigins: ['*'],
    alarms: { api5xxRatePercent: 5, api5xxMinRequests: 20, iteratorAgeSeconds: 60 },
    idempotencyTtl: Duration.hours(24),
    ...overrides,
  };
}

/** The secret whose value CloudFront sends as the origin-verification header (not a service's: the edge's). */
export const ORIGIN_VERIFY_SECRET_ID = 'origin-verify';

/** Secrets have fixed names per stage so `npm run secrets` can provision them after a deploy. */
export function secretNameFor(stageName: string, secretId: string): string {
  return `tsp/${stageName}/${secretId}`;
}
