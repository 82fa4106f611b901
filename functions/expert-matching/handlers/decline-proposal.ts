import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { declineProposal, requireOwnProposal } from '../app/answers';
import { declineProposalRoute } from '../routes';

export const handler = httpHandler(declineProposalRoute, async ({ params, body, principal, logger }) => {
  requireOwnProposal(principal!, params.expertId);
  const { declined, replacement, need } = await declineProposal(params.id, params.expertId, body.reason);
  logger.info('Proposal declined', { needId: need.id, expertId: declined.expertId, replacedBy: replacement?.expertId });
  return ok({ proposal: declined, replacement, need: { id: need.id, status: need.status, shortfall: need.shortfall ?? null } });
});
