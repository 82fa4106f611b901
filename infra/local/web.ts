import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REPO_ROOT } from './paths';

const WEB_ROOT = join(REPO_ROOT, 'web');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/** Pages of the public site: a path maps to an HTML file; `/v/{token}` opens the QR landing page. */
function pageFor(pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return 'index.html';
  if (/^\/v\/[^/]+$/.test(pathname)) return 'index.html';
  if (pathname === '/cases' || /^\/cases\/[^/]+$/.test(pathname)) return 'cases.html';
  return undefined;
}

/**
 * Serves the public web site (web/) the way CloudFront serves it from S3 in AWS. Only GETs of
 * known pages and of files under web/assets/ are answered; everything else goes to the API.
 */
export function webEndpoint(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const page = pageFor(url.pathname);
  const relative = page ?? (url.pathname.startsWith('/assets/') ? url.pathname.slice(1) : undefined);
  if (!relative) return false;
  const file = normalize(join(WEB_ROOT, relative));
  if (!file.startsWith(WEB_ROOT) || !existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': page ? 'no-cache' : 'public, max-age=300',
  });
  res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  return true;
}
