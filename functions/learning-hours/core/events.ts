import { envelopeFor, type StreamChange } from '../../../events/envelope';
import type { HoursRecorded } from '../../../events/hours-recorded';
import type { HoursVoided } from '../../../events/hours-voided';
import type { AnnualRequirementLapsed } from '../../../events/annual-requirement-lapsed';
import type { AnnualRequirementMet } from '../../../events/annual-requirement-met';
import type { AnnualRequirementRestored } from '../../../events/annual-requirement-restored';
import type { HourRecord } from './records';

export type LearningHoursEvent = HoursRecorded | HoursVoided | AnnualRequirementMet | AnnualRequirementLapsed | AnnualRequirementRestored;

interface RequirementMarker {
  personId: string;
  holderName: string;
  idNumberMasked: string;
  year: number;
  policy: string;
  totalHours: number;
  professionalHours: number;
  publicHours: number;
  state: 'MET' | 'LAPSED';
  version: number;
}

const requirementDetail = (m: RequirementMarker) => ({
  personId: m.personId,
  holderName: m.holderName,
  idNumberMasked: m.idNumberMasked,
  year: m.year,
  policy: m.policy,
  totalHours: m.totalHours,
  professionalHours: m.professionalHours,
  publicHours: m.publicHours,
  version: m.version,
});


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
  // A year's MET marker is written once, when the year is first met: its INSERT is the event;
  // each later change of its state is a lapse or a restoration.
  if (newImage?.entity === 'RequirementMet') {
    const marker = newImage as unknown as RequirementMarker;
    const was = (oldImage as unknown as RequirementMarker | undefined)?.state;
    const type = !oldImage ? 'AnnualRequirementMet' : was === 'MET' && marker.state === 'LAPSED' ? 'AnnualRequirementLapsed' : was === 'LAPSED' && marker.state === 'MET' ? 'AnnualRequirementRestored' : undefined;
    if (!type) return [];
    return [{ ...envelope(type), type, detail: requirementDetail(marker) } as LearningHoursEvent];
  }
  return [];
}
