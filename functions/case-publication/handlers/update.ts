import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { editCase } from '../app/authoring';
import { caseView } from '../app/case-view';
import { updateCaseRoute } from '../routes';

export const handler = httpHandler(updateCaseRoute, async ({ params, body, principal, language }) => ok(await caseView(await editCase(principal!, params.id, body), language, body.body)));
