import type { Principal } from '../../../shared/auth/principal';
import { problems } from '../../../shared/http/problem';
import { mayManageRegion } from '../core/authorisation';
import type { Certificate } from '../core/model';
import { getCertificate } from '../store/certificates';

export function requireRegion(principal: Principal, region: string): void {
  if (!mayManageRegion(principal, region)) throw problems.forbidden(`Your token does not cover region ${region}.`);
}

/**
 * A certificate an issuer or admin may manage. Another region's certificate reads as not found
 * rather than forbidden, so issuers cannot probe which numbers exist elsewhere.
 */
export async function manageableCertificate(principal: Principal, number: string): Promise<Certificate> {
  const cert = await getCertificate(number);
  if (!cert || !mayManageRegion(principal, cert.region)) throw problems.notFound('No such certificate in your region.');
  return cert;
}
