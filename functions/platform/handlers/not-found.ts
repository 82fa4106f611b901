import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { notFoundRoute } from '../routes';

/** API Gateway's `$default` route: anything unmatched gets a problem+json 404, not a bare message. */
export const handler = httpHandler(notFoundRoute, async ({ event }) => {
  throw problems.notFound(`No route matches ${event.requestContext.http.method} ${event.rawPath}.`);
});
