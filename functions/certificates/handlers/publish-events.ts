import { streamPublisher } from '../../../shared/events/publish';
import { certificateEventsFrom } from '../core/events';

/** CertificateIssued and CertificateRevoked, from the table stream onto the bus. */
export const handler = streamPublisher('certificates', certificateEventsFrom);
