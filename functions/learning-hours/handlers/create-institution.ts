import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { created } from '../../../shared/http/responses';
import { institutionView } from '../app/views';
import type { Institution } from '../core/institutions';
import { createInstitutionRoute } from '../routes';
import { createInstitution } from '../store/institutions';

export const handler = httpHandler(createInstitutionRoute, async ({ body, principal }) => {
  const at = new Date().toISOString();
  const institution: Institution = { ...body, status: 'ACTIVE', history: [{ action: 'REGISTERED', at, by: principal!.label }], createdAt: at };
  if (!(await createInstitution(institution))) throw problems.conflict(text(`培训机构 ${body.id} 已存在。`, `Institution ${body.id} already exists.`));
  return created(institutionView(institution), `/institutions/${body.id}`);
});
