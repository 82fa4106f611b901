import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { mayManageRegion } from '../core/authorisation';
import type { Certificate } from '../core/model';
import { getCertificate } from '../store/certificates';

/** The answer for a certificate outside the caller's region, the same as for one that does not exist. */
export const NOT_IN_REGION = text('您所辖地区内没有该证书。', 'No such certificate in your region.');

export function requireRegion(principal: Principal, region: string): void {
  if (!mayManageRegion(principal, region)) throw problems.forbidden(text(`您的令牌不含地区 ${region} 的管理权限。`, `Your token does not cover region ${region}.`));
}

/**
 * A certificate an issuer or admin may manage. Another region's certificate reads as not found
 * rather than forbidden, so issuers cannot probe which numbers exist elsewhere.
 */
export async function manageableCertificate(principal: Principal, number: string): Promise<Certificate> {
  const cert = await getCertificate(number);
  if (!cert || !mayManageRegion(principal, cert.region)) throw problems.notFound(NOT_IN_REGION);
  return cert;
}
