import { envelopeFor, type StreamChange } from '../../../events/envelope';
import type { HoursRecorded } from '../../../events/hours-recorded';
import type { HoursVoided } from '../../../events/hours-voided';
import type { AnnualRequirementMet } from '../../../events/annual-requirement-met';
import type { HourRecord } from './records';

export type LearningHoursEvent = HoursRecorded | HoursVoided | AnnualRequirementMet;


const isRecord = (image?: Record<string, unknown>): image is Record<string, unknown> & HourRecord => image?.entity === 'HourRecord';

/** What every hour-record event says about the record. */
const recordDetail = (r: HourRecord) => ({
  institutionId: r.institutionId,
  recordId: r.recordId,
  personId: r.personId,
  year: r.year,
  category: r.course.category,
  hours: r.hours,
});

/**
 * The domain events a change to the learning-hours table means, derived from the stream (never
 * published beside a write): a new hour record is HoursRecorded; a record turning VOIDED is
 * HoursVoided; the first MET marker of a person-year is AnnualRequirementMet. Event ids come
 * from the stream record, so redelivery repeats the same id.
 */
export function learningHoursEventsFrom(change: StreamChange): LearningHoursEvent[] {
  const { oldImage, newImage } = change;
  const envelope = (type: LearningHoursEvent['type']) => envelopeFor(change, 'tsp.learning-hours', type);
  if (isRecord(newImage) && !oldImage && newImage.status === 'ACTIVE') {
    return [
      {
        ...envelope('HoursRecorded'),
        type: 'HoursRecorded',
        detail: {
          ...recordDetail(newImage),
          completedOn: newImage.completedOn,
          ...(newImage.replaces ? { replaces: newImage.replaces } : {}),
        },
      },
    ];
  }
  if (isRecord(newImage) && isRecord(oldImage) && oldImage.status === 'ACTIVE' && newImage.status === 'VOIDED' && newImage.voided) {
    return [
      {
        ...envelope('HoursVoided'),
        type: 'HoursVoided',
        detail: {
          ...recordDetail(newImage),
          reason: newImage.voided.reason,
          by: newImage.voided.by,
        },
      },
    ];
  }
  // A year's MET marker is written once, when the year is first met: its INSERT is the event.
  if (newImage?.entity === 'RequirementMet' && !oldImage) {
    const marker = newImage as { personId: string; year: number; policy: string; totalHours: number; professionalHours: number; publicHours: number };
    return [
      {
        ...envelope('AnnualRequirementMet'),
        type: 'AnnualRequirementMet',
        detail: {
          personId: marker.personId,
          year: marker.year,
          policy: marker.policy,
          totalHours: marker.totalHours,
          professionalHours: marker.professionalHours,
          publicHours: marker.publicHours,
        },
      },
    ];
  }
  return [];
}
