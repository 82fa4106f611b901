import { describe, expect, it } from 'vitest';
import { queryParameters } from '../../infra/local/gateway';

describe('the local gateway’s query parameters (as API Gateway HTTP APIs pass them)', () => {
  it('joins repeated keys with commas', () => {
    expect(queryParameters(new URL('http://x/?year=2024&year=2025&q=a'))).toEqual({ year: '2024,2025', q: 'a' });
  });

  it('takes keys named like Object.prototype members as plain keys', () => {
    expect(queryParameters(new URL('http://x/?constructor=1&toString=2&__proto__=3'))).toEqual(
      Object.fromEntries([
        ['constructor', '1'],
        ['toString', '2'],
        ['__proto__', '3'],
      ]),
    );
  });

  it('is undefined without a query string', () => {
    expect(queryParameters(new URL('http://x/path'))).toBeUndefined();
  });
});
