import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { acceptProposal, requireOwnProposal } from '../app/answers';
import { acceptProposalRoute } from '../routes';

export const handler = httpHandler(acceptProposalRoute, async ({ params, principal, logger }) => {
  requireOwnProposal(principal!, params.expertId);
  const { need, proposal } = await acceptProposal(params.id, params.expertId);
  logger.info('Proposal accepted', { needId: need.id, expertId: proposal.expertId, needStatus: need.status });
  return ok({ proposal, need: { id: need.id, status: need.status, acceptedCount: need.acceptedCount, expertsWanted: need.expertsWanted } });
});
