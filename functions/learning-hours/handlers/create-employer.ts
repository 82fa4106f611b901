import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { created } from '../../../shared/http/responses';
import { employerView } from '../app/employers';
import { createEmployerRoute } from '../routes';
import { createEmployer } from '../store/employers';

export const handler = httpHandler(createEmployerRoute, async ({ body, principal }) => {
  const employer = { ...body, createdAt: new Date().toISOString(), createdBy: principal!.label };
  if (!(await createEmployer(employer))) throw problems.conflict(text(`用人单位 ${body.id} 已存在。`, `Employer ${body.id} already exists.`));
  return created(employerView(employer), `/employers/${body.id}`);
});
