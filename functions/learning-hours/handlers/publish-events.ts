import { streamPublisher } from '../../../shared/events/publish';
import { learningHoursEventsFrom } from '../core/events';

/** HoursRecorded, HoursVoided and the annual-requirement events, from the table stream onto the bus. */
export const handler = streamPublisher('learning-hours', learningHoursEventsFrom);
