import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { runRound } from '../app/rounds';
import { matchingRoundRoute } from '../routes';

export const handler = httpHandler(matchingRoundRoute, async ({ body, logger }) => {
  const report = await runRound(body.dryRun);
  logger.info('Matching round', { dryRun: report.dryRun, needs: report.needsInRound, proposals: report.proposalsMade, totalScore: report.optimal.totalScore });
  return ok(report);
});
