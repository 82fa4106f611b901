import { hasGroup, principalFromClaims } from '../../shared/auth/principal';
import { preferredLanguage, text } from '../../shared/http/messages';
import { HttpProblem, problemResponse } from '../../shared/http/problem';
import { authorize } from './authorizer';
import { sendUnauthorized, type LocalEndpoint } from './gateway';

/**
 * A JSON page of the local runtime for admins only (/_local/events, /_local/failures: they show
 * names and masked ID numbers). The bearer token is checked exactly as the gateway checks it for
 * a protected route (same authorizer, same 401); a valid token without the admin group gets 403.
 */
export function adminEndpoint(path: string, answer: (url: URL) => unknown): LocalEndpoint {
  return async (req, res, url) => {
    if (url.pathname !== path) return false;
    const claims = await authorize(req.headers.authorization);
    if (!claims) {
      sendUnauthorized(res, req.headers['accept-language']);
      return true;
    }
    if (!hasGroup(principalFromClaims(claims), 'admin')) {
      const problem = new HttpProblem(403, text('禁止访问', 'Forbidden'), text('本地运行时的此页面仅供管理员（admin）查看。', 'This page of the local runtime is for admins only.'));
      const response = problemResponse(problem, undefined, preferredLanguage(req.headers['accept-language']));
      res.writeHead(403, response.headers as Record<string, string>).end(response.body);
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer(url), null, 2));
    return true;
  };
}
