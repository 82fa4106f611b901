import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { myProposalsRoute } from '../routes';
import { getNeeds, proposalsOfExpert } from '../store/needs';

export const handler = httpHandler(myProposalsRoute, async ({ principal }) => {
  if (!principal!.expertId) throw problems.forbidden(text('您的令牌未指明专家身份。', 'Your token names no expert.'));
  const proposals = await proposalsOfExpert(principal!.expertId, 50);
  const needs = await getNeeds(proposals.map((p) => p.needId));
  return ok({
    proposals: proposals.map((p) => {
      const need = needs.get(p.needId);
      return { ...p, need: need && { title: need.title, description: need.description, region: need.region, serviceForm: need.serviceForm, window: need.window, status: need.status } };
    }),
  });
});
