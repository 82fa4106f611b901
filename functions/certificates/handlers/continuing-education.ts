import type { z } from 'zod';
import type { annualRequirementDetail } from '../../../events/annual-requirement-met';
import { eventConsumer } from '../../../shared/events/consume';
import { loggerFor } from '../../../shared/http/observability';
import { reconcileContinuingEducation } from '../app/continuing-education';

const logger = loggerFor('certificates');

/** AnnualRequirementMet / …Lapsed / …Restored from learning-hours → the person-year's JX certificate. */
export const handler = eventConsumer('certificates', 'continuingEducationCertificates', async (event) => {
  const detail = event.detail as z.infer<typeof annualRequirementDetail>;
  const outcome = await reconcileContinuingEducation({ ...detail, state: event.type === 'AnnualRequirementLapsed' ? 'LAPSED' : 'MET' });
  logger.info('Continuing-education certificate reconciled', { eventId: event.id, type: event.type, year: detail.year, version: detail.version, outcome });
});
