import { streamPublisher } from '../../../shared/events/publish';
import { expertMatchingEventsFrom } from '../core/events';

/** NeedSubmitted, MatchProposed, NeedConfirmed, ServiceCompleted and ServiceWithdrawn, from the table stream onto the bus. */
export const handler = streamPublisher('expert-matching', expertMatchingEventsFrom);
