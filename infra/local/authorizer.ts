import { jwtVerify, type JWTPayload } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localVerificationKey } from './secrets';

/**
 * Stands in for the API Gateway JWT authorizer: checks signature, issuer, audience and expiry,
 * and hands the claims to Lambda in the form API Gateway uses — every value a string, arrays
 * written as "[a b]".
 */
export async function authorize(authorization: string | undefined): Promise<Record<string, string> | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  try {
    const { payload } = await jwtVerify(match[1]!, await localVerificationKey(), { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    return stringifyClaims(payload);
  } catch {
    return undefined;
  }
}

export function stringifyClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.join(' ')}]`;
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}
