import { EVENT_CONTRACTS } from '../../../events/index';
import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { eventCatalogue } from '../../../shared/openapi/event-catalogue';
import { SERVICES } from '../../services';
import { eventCatalogueRoute } from '../routes';

// Depends only on code: built once per container.
let catalogue: ReturnType<typeof eventCatalogue> | undefined;

export const handler = httpHandler(eventCatalogueRoute, async () => {
  catalogue ??= eventCatalogue(EVENT_CONTRACTS, SERVICES);
  return ok({ events: catalogue }, { 'cache-control': 'public, max-age=300' });
});
