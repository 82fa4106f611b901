import { inject } from 'vitest';
import type { TokenRequest } from '../../infra/local/tokens';

/** A bearer token signed with the key of the runtime under test (its TSP_LOCAL_DIR). */
export async function tokenFor(request: TokenRequest): Promise<string> {
  process.env.TSP_LOCAL_DIR = inject('localDir');
  const { issueLocalToken } = await import('../../infra/local/tokens');
  return issueLocalToken(request);
}

export function api(path: string): string {
  return `${inject('baseUrl')}${path}`;
}
