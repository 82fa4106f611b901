import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseListClaim, principalFromEvent } from '../../shared/auth/principal';
import { stringifyClaims } from '../../infra/local/authorizer';

const eventWith = (claims?: Record<string, string>) =>
  ({ requestContext: claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {} }) as unknown as APIGatewayProxyEventV2;

describe('claims from the JWT authorizer', () => {
  it('reads API Gateway\'s "[a b]" form of list claims, and real arrays', () => {
    expect(parseListClaim('[admin issuer]')).toEqual(['admin', 'issuer']);
    expect(parseListClaim(['unit'])).toEqual(['unit']);
    expect(parseListClaim(undefined)).toEqual([]);
  });

  it('is what the local authorizer produces from a token payload', () => {
    const claims = stringifyClaims({ sub: 'u1', 'cognito:groups': ['issuer'], 'custom:region': '310000', exp: 123 });
    expect(claims).toEqual({ sub: 'u1', 'cognito:groups': '[issuer]', 'custom:region': '310000', exp: '123' });
    expect(principalFromEvent(eventWith(claims))).toMatchObject({ subject: 'u1', groups: ['issuer'], region: '310000', label: 'issuer:310000' });
  });

  it('ignores unknown groups and needs a subject', () => {
    expect(principalFromEvent(eventWith({ sub: 'u', 'cognito:groups': '[root admin]' }))?.groups).toEqual(['admin']);
    expect(principalFromEvent(eventWith({ 'cognito:groups': '[admin]' }))).toBeUndefined();
    expect(principalFromEvent(eventWith())).toBeUndefined();
  });
});
