import { randomBytes } from 'node:crypto';
import { CloudFrontClient, GetDistributionConfigCommand, ListDistributionsCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ORIGIN_SECRET_CACHE_SECONDS, ORIGIN_VERIFY_HEADER } from '../shared/http/origin-verification';

/*
 * Rotation of the origin-verification secret (`npm run secrets -- --stage <s> --rotate-origin`).
 * The functions accept the secret's AWSCURRENT and AWSPREVIOUS values and re-read them every
 * ORIGIN_SECRET_CACHE_SECONDS; CloudFront sends one value, fixed in its distribution. So:
 *   1. put a new value: it becomes AWSCURRENT, the one CloudFront sends becomes AWSPREVIOUS;
 *   2. wait until every function has re-read the secret (accepts both);
 *   3. point CloudFront at the new value (its edges switch over minutes; both are accepted).
 * No request is refused at any moment. Each run reads where a rotation stands first, so an
 * interrupted run is finished by running the command again, and a run never starts a second
 * rotation while CloudFront still sends the previous value or is still deploying.
 */

/** Slack on top of the functions' cache time before CloudFront is switched. */
export const ROTATION_MARGIN_SECONDS = 60;

export interface RotationState {
  /** Which of the secret's values CloudFront's origin(s) send. */
  sends: 'current' | 'previous';
  /** When the current value was created (ms since the epoch). */
  currentSince: number;
  /** CloudFront finished deploying its last change. */
  deployed: boolean;
  now: number;
}

export type RotationStep =
  | { action: 'put-new-value' }
  | { action: 'wait'; untilMs: number }
  | { action: 'point-cloudfront' }
  | { action: 'refuse'; reason: string };

/** What to do next, from where a rotation stands (pure; the CLI loops on it). */
export function nextRotationStep(state: RotationState): RotationStep {
  if (!state.deployed) return { action: 'refuse', reason: 'CloudFront is still deploying its last change; run this again once the distribution is Deployed.' };
  if (state.sends === 'current') return { action: 'put-new-value' };
  const safeAt = state.currentSince + (ORIGIN_SECRET_CACHE_SECONDS + ROTATION_MARGIN_SECONDS) * 1000;
  return state.now < safeAt ? { action: 'wait', untilMs: safeAt } : { action: 'point-cloudfront' };
}

interface Distribution {
  id: string;
  deployed: boolean;
  sends: Set<string>;
}

async function secretStages(sm: SecretsManagerClient, secretId: string) {
  const current = await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }));
  let previous: string | undefined;
  try {
    previous = (await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSPREVIOUS' }))).SecretString;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  if (!current.SecretString) throw new Error(`${secretId} has no current value`);
  return { current: current.SecretString, currentSince: current.CreatedDate?.getTime() ?? 0, previous };
}

/** The distribution whose origins send one of the secret's values: found by the value, so no stack output is needed. */
async function findDistribution(cf: CloudFrontClient, values: string[]): Promise<Distribution> {
  const found: Distribution[] = [];
  let marker: string | undefined;
  do {
    const page = (await cf.send(new ListDistributionsCommand({ Marker: marker }))).DistributionList;
    for (const summary of page?.Items ?? []) {
      const sends = new Set(
        (summary.Origins?.Items ?? []).flatMap((origin) => (origin.CustomHeaders?.Items ?? []).filter((h) => h.HeaderName?.toLowerCase() === ORIGIN_VERIFY_HEADER).map((h) => h.HeaderValue ?? '')),
      );
      if ([...sends].some((value) => values.includes(value))) found.push({ id: summary.Id!, deployed: summary.Status === 'Deployed', sends });
    }
    marker = page?.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  if (found.length !== 1) throw new Error(`Expected one CloudFront distribution sending this stage's ${ORIGIN_VERIFY_HEADER} header, found ${found.length}; is the stage deployed?`);
  return found[0]!;
}

async function pointCloudFront(cf: CloudFrontClient, id: string, value: string): Promise<void> {
  const { ETag, DistributionConfig } = await cf.send(new GetDistributionConfigCommand({ Id: id }));
  if (!DistributionConfig) throw new Error(`No configuration for distribution ${id}`);
  for (const origin of DistributionConfig.Origins?.Items ?? []) {
    for (const header of origin.CustomHeaders?.Items ?? []) if (header.HeaderName?.toLowerCase() === ORIGIN_VERIFY_HEADER) header.HeaderValue = value;
  }
  await cf.send(new UpdateDistributionCommand({ Id: id, IfMatch: ETag, DistributionConfig }));
}

export async function rotateOriginSecret(secretId: string, log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  const sm = new SecretsManagerClient({});
  // CloudFront's API lives in us-east-1 whatever the stage's region.
  const cf = new CloudFrontClient({ region: 'us-east-1' });
  let putThisRun = false;
  for (;;) {
    const secret = await secretStages(sm, secretId);
    const distribution = await findDistribution(cf, [secret.current, secret.previous].filter((v): v is string => !!v));
    if (distribution.sends.size !== 1) throw new Error(`Distribution ${distribution.id} sends ${distribution.sends.size} different values; fix its origins by hand first.`);
    const sends = distribution.sends.has(secret.current) ? 'current' : 'previous';
    const step = nextRotationStep({ sends, currentSince: secret.currentSince, deployed: distribution.deployed, now: Date.now() });
    switch (step.action) {
      case 'refuse':
        throw new Error(step.reason);
      case 'put-new-value':
        if (putThisRun) throw new Error('The new value is current but CloudFront already sends it: nothing left to do.');
        await sm.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: randomBytes(36).toString('base64url') }));
        putThisRun = true;
        log(`${secretId}: new value is AWSCURRENT; the one CloudFront sends is now AWSPREVIOUS (both accepted).`);
        break;
      case 'wait': {
        const seconds = Math.ceil((step.untilMs - Date.now()) / 1000);
        log(`Waiting ${seconds} s until every function has re-read the secret (they cache it ${ORIGIN_SECRET_CACHE_SECONDS} s)…`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, step.untilMs - Date.now()) + 1000));
        break;
      }
      case 'point-cloudfront':
        await pointCloudFront(cf, distribution.id, secret.current);
        log(`CloudFront distribution ${distribution.id} now sends the new value (its edges switch over in a few minutes; the previous value stays accepted until the next rotation).`);
        return;
    }
  }
}
