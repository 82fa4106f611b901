import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { verifyKeys } from '../app/keys';
import { publicJwks } from '../core/verification-token';
import { keysRoute } from '../routes';

export const handler = httpHandler(keysRoute, async () =>
  ok(publicJwks(await verifyKeys()), { 'cache-control': 'public, max-age=3600', 'content-type': 'application/jwk-set+json' }),
);
