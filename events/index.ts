import { certificateIssuedContract } from './certificate-issued';
import { certificateRevokedContract } from './certificate-revoked';
import { annualRequirementLapsedContract } from './annual-requirement-lapsed';
import { annualRequirementMetContract } from './annual-requirement-met';
import { annualRequirementRestoredContract } from './annual-requirement-restored';
import { casePublishedContract } from './case-published';
import { caseSubmittedContract } from './case-submitted';
import { caseWithdrawnContract } from './case-withdrawn';
import type { EventContract } from './envelope';
import { hoursRecordedContract } from './hours-recorded';
import { hoursVoidedContract } from './hours-voided';
import { matchProposedContract } from './match-proposed';
import { needConfirmedContract } from './need-confirmed';
import { needSubmittedContract } from './need-submitted';
import { serviceCompletedContract } from './service-completed';
import { serviceWithdrawnContract } from './service-withdrawn';

/** Every domain event contract of the platform (the event catalogue is generated from this list). */
export const EVENT_CONTRACTS: EventContract[] = [
  certificateIssuedContract,
  certificateRevokedContract,
  hoursRecordedContract,
  hoursVoidedContract,
  annualRequirementMetContract,
  annualRequirementLapsedContract,
  annualRequirementRestoredContract,
  needSubmittedContract,
  matchProposedContract,
  needConfirmedContract,
  serviceCompletedContract,
  serviceWithdrawnContract,
  caseSubmittedContract,
  casePublishedContract,
  caseWithdrawnContract,
];
