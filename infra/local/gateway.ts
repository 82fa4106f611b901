import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { preferredLanguage } from '../../shared/http/messages';
import { problemResponse, problems } from '../../shared/http/problem';
import type { RouteDefinition } from '../../shared/service/definitions';
import { authorize } from './authorizer';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';
import { RouteMatcher } from './route-matcher';

/** API Gateway's own payload limit for HTTP APIs; our handlers enforce a smaller one (1 MiB). */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|.*\+json|xml|x-www-form-urlencoded|javascript))/i;

export interface LocalEndpoint {
  /** Answers a path before the API routes, e.g. the web pages or /_local/*; return false to pass. */
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> | boolean;
}

export interface GatewayOptions {
  routes: RouteDefinition[];
  port: number;
  host?: string;
  localEndpoints?: LocalEndpoint[];
  corsOrigins?: string[];
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
  res.writeHead(status, headers);
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) {
        resolve('too-large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

export function queryParameters(url: URL): Record<string, string> | undefined {
  // No prototype: a `__proto__` key must be a key like any other, and `constructor` or `toString`
  // must not be found on Object.prototype.
  const params = Object.create(null) as Record<string, string>;
  for (const [key, value] of url.searchParams) params[key] = Object.hasOwn(params, key) ? `${params[key]},${value}` : value;
  return Object.keys(params).length ? params : undefined;
}

/** Builds the HTTP API v2 event exactly as API Gateway would hand it to Lambda. */
function toEvent(
  req: IncomingMessage,
  url: URL,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers = headerMap(req);
  const now = new Date();
  const textual = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    queryStringParameters: queryParameters(url),
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  };
}

function writeResult(res: ServerResponse, result: unknown): void {
  // HTTP API payload v2: a non-object result (or one without statusCode) is 200 JSON.
  if (!result || typeof result !== 'object' || !('statusCode' in result)) {
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(result ?? null));
    return;
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k] = String(v);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body === undefined ? '' : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body;
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}

function gatewayError(res: ServerResponse, status: number, message: string): void {
  // API Gateway's own errors (not produced by our handlers) carry its {"message"} body.
  send(res, status, { 'content-type': 'application/json' }, JSON.stringify({ message: message }));
}

/** The gateway's answer to a route that needs a token when none valid was sent (also used by the admin-only /_local/* pages). */
export function sendUnauthorized(res: ServerResponse, acceptLanguage: string | undefined): void {
  // Departure, on purpose: API Gateway answers {"message":"Unauthorized"}; we answer the
  // same 401 as problem+json, in the caller's language, so local clients see one error format (documented in README).
  const response = problemResponse(problems.unauthorized(), undefined, preferredLanguage(acceptLanguage));
  send(res, 401, response.headers as Record<string, string>, response.body as string);
}

export function startGateway(options: GatewayOptions): Promise<Server> {
  const matcher = new RouteMatcher(options.routes);
  const corsOrigins = options.corsOrigins ?? ['*'];

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      for (const endpoint of options.localEndpoints ?? []) if (await endpoint(req, res, url)) return;

      // CORS preflight is answered by API Gateway itself (the API's corsPreflight setting).
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        send(res, 204, {
          'access-control-allow-origin': corsOrigins.includes('*') ? '*' : (corsOrigins.find((o) => o === req.headers.origin) ?? ''),
          'access-control-allow-methods': matcher.allowedMethods(url.pathname).join(',') || 'GET',
          'access-control-allow-headers': 'authorization,content-type,idempotency-key',
          'access-control-max-age': '600',
        });
        return;
      }

      const matched = matcher.match(req.method ?? 'GET', url.pathname);
      const route = matched?.route ?? matcher.defaultRoute;
      if (!route) return gatewayError(res, 404, 'Not Found');

      const body = await readBody(req);
      if (body === 'too-large') return gatewayError(res, 413, 'Request Entity Too Large');

      let claims: Record<string, string> | undefined;
      if (route.access !== 'public') {
        claims = await authorize(req.headers.authorization);
        if (!claims) return sendUnauthorized(res, req.headers['accept-language']);
      }
      const event = toEvent(req, url, route, matched?.pathParameters ?? {}, body, claims);
      const handler = await loadHandler(route.handler);
      const result = await handler(event, lambdaContext(`tsp-local-${route.operationId}`, route.timeoutSeconds ?? 29));
      writeResult(res, result);
    } catch (error) {
      // Only a defect in the local runtime itself or an unhandled handler crash gets here;
      // API Gateway would answer 500 {"message":"Internal Server Error"} for the latter.
      console.error('[gateway]', error);
      if (!res.headersSent) gatewayError(res, 500, 'Internal Server Error');
    }
  });
  // Idle keep-alive connections stay open longer than any client's pool keeps them (undici: 4 s
  // by default, from the server's hint): with 5 s, a client whose event loop stalled on a busy
  // 2-core machine could reuse a socket the server was closing that instant and read ECONNRESET.
  // API Gateway keeps idle connections far longer still.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
