import type { CasePublished } from '../../../events/case-published';
import type { CaseSubmitted } from '../../../events/case-submitted';
import type { CaseWithdrawn } from '../../../events/case-withdrawn';
import { envelopeFor, type StreamChange } from '../../../events/envelope';
import type { CaseRecord, HistoryEntry } from './model';

export type CaseEvent = CaseSubmitted | CasePublished | CaseWithdrawn;

export const CASE_ENTITY = 'Case';
const isCase = (image?: Record<string, unknown>): image is Record<string, unknown> & CaseRecord => image?.entity === CASE_ENTITY;
const lastEntry = (record: CaseRecord, action: HistoryEntry['action']) => record.history.findLast((entry) => entry.action === action);

/**
 * The domain events a change to a case item means — derived from the table stream, never
 * published beside a write (DESIGN §1): a revision reaching SUBMITTED is CaseSubmitted; a new
 * live version is CasePublished; reaching WITHDRAWN is CaseWithdrawn. Edits, approvals and
 * rejections, and every other item of the table, mean no event.
 */
export function caseEventsFrom(change: StreamChange): CaseEvent[] {
  const { oldImage, newImage } = change;
  if (!isCase(newImage)) return [];
  const before = isCase(oldImage) ? oldImage : undefined;
  const envelope = <T extends CaseEvent['type']>(type: T) => ({ ...envelopeFor(change, 'tsp.case-publication', type), type });
  const { id: caseId, draft } = newImage;
  const events: CaseEvent[] = [];

  const submit = lastEntry(newImage, 'submit');
  if (newImage.status === 'SUBMITTED' && before?.status !== 'SUBMITTED' && submit) {
    events.push({
      ...envelope('CaseSubmitted'),
      detail: { caseId, revision: newImage.revision, region: draft.region, topic: draft.topic, title: draft.title, submittedAt: submit.at, submittedBy: submit.by },
    });
  }
  const live = newImage.live;
  if (live && live.version !== before?.live?.version) {
    events.push({
      ...envelope('CasePublished'),
      detail: { caseId, version: live.version, region: live.region, topic: live.topic, year: live.year, title: live.title, summary: live.summary, publishedAt: live.publishedAt, publishedBy: live.publishedBy },
    });
  }
  // What was taken down is the version that was live before: the old image says which.
  const withdraw = lastEntry(newImage, 'withdraw');
  const takenDown = before?.live;
  if (newImage.status === 'WITHDRAWN' && before?.status !== 'WITHDRAWN' && withdraw && takenDown) {
    events.push({
      ...envelope('CaseWithdrawn'),
      detail: {
        caseId,
        version: takenDown.version,
        region: takenDown.region,
        topic: takenDown.topic,
        withdrawnAt: withdraw.at,
        withdrawnBy: withdraw.by,
        ...(withdraw.comment ? { comment: withdraw.comment } : {}),
      },
    });
  }
  return events;
}
