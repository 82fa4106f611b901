import { httpHandler } from '../../../shared/http/handler';
import { text as bilingual } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { textResult } from '../../../shared/http/responses';
import { SITE_CSP, siteFileFor } from '../core/site';
import { readSiteFile } from '../store/site-files';
import { siteRoute } from '../routes';

/** Serves the public web pages and their assets; any other GET gets the API's problem+json 404. */
export const handler = httpHandler(siteRoute, async ({ event }) => {
  const site = siteFileFor(event.rawPath);
  const text = site ? await readSiteFile(site.file) : undefined;
  if (!site || text === undefined) throw problems.notFound(bilingual(`没有与 GET ${event.rawPath} 对应的页面或接口。`, `No route matches GET ${event.rawPath}.`));
  return textResult(text, site.contentType, 200, {
    'content-security-policy': SITE_CSP,
    'cache-control': site.isPage ? 'no-cache' : 'public, max-age=300',
  });
});
