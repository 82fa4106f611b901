import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda-context';

export interface FakeRequest {
  method?: string;
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  claims?: Record<string, string>;
}

/** An HTTP API v2 event as API Gateway builds it, for calling handlers directly in unit tests. */
export function httpEvent(request: FakeRequest = {}): APIGatewayProxyEventV2 {
  const method = request.method ?? 'GET';
  const path = request.path ?? '/test';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...request.headers },
    queryStringParameters: request.query,
    pathParameters: request.pathParameters,
    body: request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '0',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(request.claims ? { authorizer: { jwt: { claims: request.claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

type Handler = (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyStructuredResultV2>;

export async function invoke(handler: unknown, request: FakeRequest = {}) {
  const result = await (handler as Handler)(httpEvent(request), lambdaContext('unit', 10));
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode!, headers, body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined, raw: result.body };
}
