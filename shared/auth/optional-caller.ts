import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { principalFromClaims, type Principal } from './principal';

/*
 * Public routes run without the API Gateway authorizer, yet some want to know who is asking
 * when a caller does send a token (a verification "by organisation X"). They check the token
 * themselves against the same issuer's JWKS. A missing or bad token just means "anonymous".
 */
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

export async function optionalCaller(event: APIGatewayProxyEventV2): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers?.authorization ?? '');
  const { JWT_JWKS_URL: url, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = process.env;
  if (!match || !url || !issuer) return undefined;
  jwks ??= createRemoteJWKSet(new URL(url), { cacheMaxAge: 3600_000, timeoutDuration: 2000 });
  try {
    const { payload } = await jwtVerify(match[1]!, jwks, { issuer, ...(audience ? { audience } : {}) });
    return principalFromClaims(payload as Record<string, string>);
  } catch {
    return undefined;
  }
}
