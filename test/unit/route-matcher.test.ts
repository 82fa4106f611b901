import { describe, expect, it } from 'vitest';
import { RouteMatcher } from '../../infra/local/route-matcher';
import type { RouteDefinition } from '../../shared/service/definitions';

const route = (method: RouteDefinition['method'], path: string): RouteDefinition => ({
  service: 'test',
  operationId: `${method} ${path}`,
  method,
  path,
  summary: '',
  access: 'public',
  handler: '/dev/null',
  request: {},
  responses: {},
  grants: [],
});

const matcher = new RouteMatcher([
  route('GET', '/certificates/{number}'),
  route('POST', '/certificates:batch'),
  route('GET', '/certificates/mine'),
  route('GET', '/files/{key+}'),
  route('GET', '$default'),
]);

describe('local API Gateway route matching', () => {
  it('prefers literal segments over parameters', () => {
    expect(matcher.match('GET', '/certificates/mine')?.route.path).toBe('/certificates/mine');
    expect(matcher.match('GET', '/certificates/ZC1')).toMatchObject({ pathParameters: { number: 'ZC1' } });
  });

  it('treats a colon suffix as part of a literal segment', () => {
    expect(matcher.match('POST', '/certificates:batch')?.route.path).toBe('/certificates:batch');
  });

  it('decodes parameters and lets greedy parameters span segments', () => {
    expect(matcher.match('GET', '/certificates/%E5%BC%A0')?.pathParameters.number).toBe('张');
    expect(matcher.match('GET', '/files/a/b/c.pdf')?.pathParameters.key).toBe('a/b/c.pdf');
  });

  it('leaves unmatched requests to $default and reports allowed methods', () => {
    expect(matcher.match('DELETE', '/certificates/ZC1')).toBeUndefined();
    expect(matcher.defaultRoute?.path).toBe('$default');
    expect(matcher.allowedMethods('/certificates/ZC1')).toEqual(['GET']);
  });
});
