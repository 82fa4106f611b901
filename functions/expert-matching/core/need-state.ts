import type { FactorScore } from './score';
import type { Need, PriorAnswer, ReliabilityStats } from './model';
import type { Expert } from './model';

/**
 * A need's life: SUBMITTED (stored; the stream triggers matching) → PROPOSED (experts asked) or
 * NO_MATCH (nobody feasible; the blocking constraint is kept) → CONFIRMED when the wanted number
 * accepted → COMPLETED when every accepted expert has filed their service record. A round or a
 * decline may propose again to a PROPOSED or NO_MATCH need.
 */
export type NeedStatus = 'SUBMITTED' | 'PROPOSED' | 'NO_MATCH' | 'CONFIRMED' | 'COMPLETED';

export interface Shortfall {
  cause: string;
  reason: string;
  reasonZh: string;
  /** One line on how the pool thinned out, e.g. "12 candidates: 9 not available, 3 at capacity". */
  summary?: string;
}

export interface StoredNeed extends Need {
  unitId: string;
  status: NeedStatus;
  submittedAt: string;
  submittedBy: string;
  acceptedCount: number;
  /** The experts who accepted, in order. */
  acceptedExperts: string[];
  matchedAt?: string;
  confirmedAt?: string;
  completedAt?: string;
  /** Why fewer experts than wanted are proposed, when that is so. */
  shortfall?: Shortfall;
}

export type ProposalStatus = PriorAnswer | 'COMPLETED';

export interface ProposalRecord {
  needId: string;
  expertId: string;
  status: ProposalStatus;
  score: number;
  reasons: string[];
  factors: FactorScore[];
  proposedAt: string;
  /** What proposed them: the stream-triggered matching, the next-best after a decline, or a round. */
  proposedBy: 'matching' | 'decline' | 'round';
  answeredAt?: string;
  declineReason?: string;
}

export interface ServiceRecord {
  needId: string;
  expertId: string;
  hours: number;
  form: string;
  date: string;
  summary: string;
  recordedAt: string;
  /** The region of the need served (whose policy caps the learning-hours credit). */
  needRegion: string;
  /** When the expert is linked to their own identity: who gets the learning-hours credit (flow 2). */
  learner?: { personId: string; holderName: string; idNumberMasked: string };
  withdrawn?: { at: string; by: string; reason: string };
}

/** A service record as the unit and the expert see it: the learner link stays inside the platform. */
export function serviceView(s: ServiceRecord) {
  const { learner, ...view } = s;
  return { ...view, creditsLearningHours: Boolean(learner) };
}

export interface Feedback {
  needId: string;
  rating: number;
  comment?: string;
  givenBy: string;
  givenAt: string;
}

/** An expert as stored: the matching profile plus what only the platform keeps. */
export interface StoredExpert extends Expert {
  reliability: ReliabilityStats;
  /** Optimistic-concurrency version: every write of the profile and its copies checks it. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Keyed hash of the expert's resident ID number, linking their own learning hours. */
  personId?: string;
  idNumberMasked?: string;
}

/** A need wants more experts while fewer than wanted have accepted and it is still open. */
export const isOpen = (need: Pick<StoredNeed, 'status' | 'acceptedCount' | 'expertsWanted'>) =>
  (need.status === 'PROPOSED' || need.status === 'NO_MATCH') && need.acceptedCount < need.expertsWanted;

/** Experts a need must not be given again: everyone ever proposed to it, with their answer. */
export function excludedBy(proposals: readonly ProposalRecord[]): Map<string, PriorAnswer> {
  return new Map(proposals.map((p) => [p.expertId, p.status === 'COMPLETED' ? 'ACCEPTED' : p.status]));
}

/** The province a need's statistics are counted under (first two digits of its division code). */
export const provinceScope = (region: string) => `${region.slice(0, 2)}0000`;
export const NATIONAL_SCOPE = 'national';
