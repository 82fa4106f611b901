import { createHash, timingSafeEqual } from 'node:crypto';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { loadConfig } from '../config/env';
import { text } from './messages';
import { HttpProblem } from './problem';

/*
 * Only CloudFront may call the API (DESIGN §1: the edge web ACL rate-limits and filters there).
 * CloudFront adds a secret header to every request it forwards to the API origin; the HTTP
 * envelope checks it before anything else, so a caller who found the API's own hostname
 * (execute-api, or the regional target of its custom domain) and skipped the edge gets 403.
 *
 * Configuration is explicit, never a silent default (a function without ORIGIN_VERIFICATION
 * fails on its first request):
 *   ORIGIN_VERIFICATION=header  every deployed stage (set by infra/constructs/service-function.ts),
 *     with ORIGIN_VERIFY_SECRET_ARN: the Secrets Manager secret CloudFront's header comes from;
 *     both its AWSCURRENT and AWSPREVIOUS values are accepted, so a rotation (`npm run secrets --
 *     --rotate-origin`) never drops traffic while CloudFront still sends the previous value;
 *     or ORIGIN_VERIFY_SECRETS: a JSON array of accepted values (a proxy of your own, tests);
 *   ORIGIN_VERIFICATION=none    the local runtime (no CloudFront in front of it), set explicitly.
 */

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
/** How long a function keeps the values it read from Secrets Manager; a rotation waits this long before CloudFront sends the new one. */
export const ORIGIN_SECRET_CACHE_SECONDS = 300;

const configShape = {
  ORIGIN_VERIFICATION: z.enum(['header', 'none']),
  ORIGIN_VERIFY_SECRET_ARN: z.string().min(1).optional(),
  ORIGIN_VERIFY_SECRETS: z.string().min(1).optional(),
};

function acceptedFromEnv(json: string): string[] {
  const parsed = z.array(z.string().min(16)).min(1).safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error('Invalid function configuration: ORIGIN_VERIFY_SECRETS must be a JSON array of values of 16+ characters');
  return parsed.data;
}

let client: SecretsManagerClient | undefined;
let cached: { arn: string; values: string[]; until: number } | undefined;

/** The client the envelope reads the secret with (exported so tests can inject SDK faults). Loaded on first use: locally nothing needs it. */
export async function originSecretsClient(): Promise<SecretsManagerClient> {
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  return (client ??= new SecretsManagerClient({}));
}

/** Forgets the cached values (tests; a function's container otherwise keeps them ORIGIN_SECRET_CACHE_SECONDS). */
export function forgetOriginSecrets(): void {
  cached = undefined;
}

async function secretStage(arn: string, stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> {
  try {
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const result = await (await originSecretsClient()).send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
    return result.SecretString || undefined;
  } catch (error) {
    // Before the first rotation there is no previous value.
    if (stage === 'AWSPREVIOUS' && (error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** The values a request may carry: the secret's current and previous versions. */
export async function acceptedOriginSecrets(arn: string, now = Date.now()): Promise<string[]> {
  if (cached && cached.arn === arn && now < cached.until) return cached.values;
  const [current, previous] = await Promise.all([secretStage(arn, 'AWSCURRENT'), secretStage(arn, 'AWSPREVIOUS')]);
  if (!current) throw new Error('The origin-verification secret has no current value');
  const values = previous && previous !== current ? [current, previous] : [current];
  cached = { arn, values, until: now + ORIGIN_SECRET_CACHE_SECONDS * 1000 };
  return values;
}

function sameSecret(presented: string, expected: string): boolean {
  // Hash first: equal lengths for timingSafeEqual, and no length leak.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function originNotVerified(): HttpProblem {
  return new HttpProblem(403, text('禁止访问', 'Forbidden'), text('请通过平台的公开地址访问本服务。', "Use the platform's public address to reach this service."), {
    type: '/problems/origin-not-verified',
  });
}

/**
 * Throws 403 unless the request came through the edge (or the function is configured not to
 * check: the local runtime). Header names are lower-case in HTTP API v2 events.
 */
export async function verifyOrigin(headers: Record<string, string | undefined>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(configShape, env);
  if (config.ORIGIN_VERIFICATION === 'none') return;
  let accepted: string[];
  if (config.ORIGIN_VERIFY_SECRETS) accepted = acceptedFromEnv(config.ORIGIN_VERIFY_SECRETS);
  else if (config.ORIGIN_VERIFY_SECRET_ARN) accepted = await acceptedOriginSecrets(config.ORIGIN_VERIFY_SECRET_ARN);
  else throw new Error('Invalid function configuration: ORIGIN_VERIFICATION=header needs ORIGIN_VERIFY_SECRET_ARN or ORIGIN_VERIFY_SECRETS');
  const presented = headers[ORIGIN_VERIFY_HEADER];
  // Every accepted value is compared, so the time taken does not tell which one nearly matched.
  const matches = presented ? accepted.map((value) => sameSecret(presented, value)) : [];
  if (!matches.includes(true)) throw originNotVerified();
}
