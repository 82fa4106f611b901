import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { publicCase } from '../app/public-case';
import { getPublicCaseRoute } from '../routes';

// A minute of caching at most: download links inside live five minutes, and a withdrawal must show soon.
export const handler = httpHandler(getPublicCaseRoute, async ({ params }) => ok(await publicCase(params.id), { 'cache-control': 'public, max-age=60' }));
