import { httpHandler } from '../../../shared/http/handler';
import { textResult } from '../../../shared/http/responses';
import { EVENT_CONTRACTS } from '../../../events/index';
import { eventCatalogue } from '../../../shared/openapi/event-catalogue';
import { buildOpenApiDocument } from '../../../shared/openapi/generate';
import { renderDocsPage } from '../../../shared/openapi/render-html';
import { SERVICES } from '../../services';
import { docsRoute } from '../routes';

let page: string | undefined;

export const handler = httpHandler(docsRoute, async () => {
  page ??= renderDocsPage(buildOpenApiDocument(SERVICES), eventCatalogue(EVENT_CONTRACTS, SERVICES));
  return textResult(page, 'text/html; charset=utf-8', 200, {
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'cache-control': 'public, max-age=300',
  });
});
