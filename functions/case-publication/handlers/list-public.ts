import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { listPublicCases } from '../app/public-listing';
import { listPublicCasesRoute } from '../routes';

export const handler = httpHandler(listPublicCasesRoute, async ({ query }) => ok(await listPublicCases(query), { 'cache-control': 'public, max-age=60' }));
