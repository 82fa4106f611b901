import { extname, normalize } from 'node:path';

/*
 * The public web site (certificate verification, case pages): which file answers which path.
 * Pages are client-rendered HTML; the QR landing page `/v/{token}` and case pages share their
 * list pages' HTML and read the rest from the URL.
 */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export interface SiteFile {
  file: string;
  contentType: string;
  isPage: boolean;
}

/** The site file for a request path, or undefined (never a path outside the site folder). */
export function siteFileFor(pathname: string): SiteFile | undefined {
  let file: string | undefined;
  if (pathname === '/' || pathname === '/index.html' || /^\/v\/[\w.-]+$/.test(pathname)) file = 'index.html';
  else if (pathname === '/cases' || /^\/cases\/[\w-]+$/.test(pathname)) file = 'cases.html';
  else if (/^\/assets\/[\w.-]+$/.test(pathname)) file = normalize(pathname.slice(1));
  if (!file || file.startsWith('..')) return undefined;
  const contentType = CONTENT_TYPES[extname(file)];
  return contentType ? { file, contentType, isPage: file.endsWith('.html') } : undefined;
}
