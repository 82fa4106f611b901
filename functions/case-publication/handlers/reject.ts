import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { caseView } from '../app/case-view';
import { changeCase } from '../app/changes';
import { reviewMove } from '../app/moves';
import { rejectCaseRoute } from '../routes';

export const handler = httpHandler(rejectCaseRoute, async ({ params, body, principal, language }) =>
  ok(await caseView(await changeCase(principal!, params.id, (current) => reviewMove(principal!, current, 'reject', body?.comment)), language)),
);
