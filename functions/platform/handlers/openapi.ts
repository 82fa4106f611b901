import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { buildOpenApiDocument } from '../../../shared/openapi/generate';
import { SERVICES } from '../../services';
import { openApiRoute } from '../routes';

// The document depends only on code, so build it once per container.
let document: unknown;

export const handler = httpHandler(openApiRoute, async () => {
  document ??= buildOpenApiDocument(SERVICES);
  return ok(document, { 'cache-control': 'public, max-age=300' });
});
