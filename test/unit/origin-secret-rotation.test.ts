import { describe, expect, it } from 'vitest';
import { nextRotationStep, ROTATION_MARGIN_SECONDS } from '../../infra/origin-secret-rotation';
import { ORIGIN_SECRET_CACHE_SECONDS } from '../../shared/http/origin-verification';

/*
 * The order `npm run secrets -- --rotate-origin` follows so no request is refused: a new value
 * first (CloudFront's becomes AWSPREVIOUS, still accepted), CloudFront switched only once every
 * function's cache has taken the new value, and never a second rotation while CloudFront still
 * sends the previous value (it would stop being accepted).
 */
const SAFE_MS = (ORIGIN_SECRET_CACHE_SECONDS + ROTATION_MARGIN_SECONDS) * 1000;

describe('origin secret rotation steps', () => {
  it('starts by putting a new value when CloudFront sends the current one', () => {
    expect(nextRotationStep({ sends: 'current', currentSince: 0, deployed: true, now: 10 })).toEqual({ action: 'put-new-value' });
  });

  it('waits out the functions’ cache before CloudFront sends the new value', () => {
    const since = 1_000_000;
    expect(nextRotationStep({ sends: 'previous', currentSince: since, deployed: true, now: since + 1000 })).toEqual({ action: 'wait', untilMs: since + SAFE_MS });
    expect(nextRotationStep({ sends: 'previous', currentSince: since, deployed: true, now: since + SAFE_MS - 1 }).action).toBe('wait');
    expect(nextRotationStep({ sends: 'previous', currentSince: since, deployed: true, now: since + SAFE_MS })).toEqual({ action: 'point-cloudfront' });
  });

  it('finishes an interrupted rotation instead of starting another, and never runs during a CloudFront deployment', () => {
    // CloudFront still sends the previous value: a new value now would make it unaccepted.
    expect(nextRotationStep({ sends: 'previous', currentSince: 0, deployed: true, now: SAFE_MS * 10 }).action).toBe('point-cloudfront');
    expect(nextRotationStep({ sends: 'current', currentSince: 0, deployed: false, now: 1 }).action).toBe('refuse');
    expect(nextRotationStep({ sends: 'previous', currentSince: 0, deployed: false, now: SAFE_MS * 10 }).action).toBe('refuse');
  });
});
