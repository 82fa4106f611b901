import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { notFoundRoute } from '../routes';

/** API Gateway's `$default` route: anything unmatched gets a problem+json 404, not a bare message. */
export const handler = httpHandler(notFoundRoute, async ({ event }) => {
  const route = `${event.requestContext.http.method} ${event.rawPath}`;
  throw problems.notFound(text(`没有与 ${route} 对应的接口。`, `No route matches ${route}.`));
});
