import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { visibleCase } from '../app/access';
import { caseView } from '../app/case-view';
import { getCaseRoute } from '../routes';

export const handler = httpHandler(getCaseRoute, async ({ params, principal, language }) => ok(await caseView(await visibleCase(principal!, params.id), language), { 'cache-control': 'no-store' }));
