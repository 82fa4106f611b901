import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Group } from '../auth/groups';
import type { Principal } from '../auth/principal';
import { lazyConfig } from '../config/env';
import { text } from '../http/messages';
import { HttpProblem } from '../http/problem';
import { piiHashKey } from '../pii/keyed-hash';
import { LOOKUP_WINDOW_SECONDS, ORGANISATION_LOOKUPS_PER_5_MIN, PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN } from './budgets';
import { addressClient, addressFromViewerHeader } from './client-address';
import { charge } from './counter-store';

/*
 * The per-client budget of public lookups, enforced in the application so it holds behind any
 * edge and in the local runtime alike. A route that answers "does this number belong to this
 * name?" charges one lookup per pair before it looks anything up; a request that would pass the
 * budget is refused whole with 429 and Retry-After.
 *  - Anonymous callers (and signed-in people, who are no organisation) are counted per address
 *    (per /64 for IPv6), under a keyed hash of it: no address is stored.
 *  - Signed-in organisations (employer, issuer, admin) are counted per organisation, with a
 *    larger budget.
 * Functions get the figures and the table through the `{ lookupBudget: true }` grant.
 */

/** Groups whose members verify on an organisation's behalf, with the organisation's budget. */
export const ORGANISATION_GROUPS = ['admin', 'issuer', 'employer'] as const satisfies readonly Group[];

const config = lazyConfig({
  LOOKUPS_PER_5_MIN_ANONYMOUS: z.coerce.number().int().min(1).default(PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN),
  LOOKUPS_PER_5_MIN_ORGANISATION: z.coerce.number().int().min(1).default(ORGANISATION_LOOKUPS_PER_5_MIN),
  /**
   * A header an edge in front of the API sets to the viewer's `address:port` (CloudFront's
   * `cloudfront-viewer-address`): behind CloudFront the connection's source address is
   * CloudFront's, not the viewer's. Unset (locally), the source address is the client.
   */
  CLIENT_ADDRESS_HEADER: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

interface Client {
  key: string;
  limit: number;
  organisation: boolean;
}

function organisationOf(caller: Principal | undefined): string | undefined {
  const group = ORGANISATION_GROUPS.find((g) => caller?.groups.includes(g));
  if (!caller || !group) return undefined;
  const tenant = group === 'issuer' ? caller.region : group === 'employer' ? caller.employerId : undefined;
  return `${group}:${tenant ?? caller.subject}`;
}

function sourceAddress(event: APIGatewayProxyEventV2): string {
  const header = config().CLIENT_ADDRESS_HEADER;
  const viewer = header ? event.headers?.[header] : undefined;
  return viewer ? addressFromViewerHeader(viewer) : (event.requestContext?.http?.sourceIp ?? 'unknown');
}

async function clientOf(event: APIGatewayProxyEventV2, caller: Principal | undefined): Promise<Client> {
  const organisation = organisationOf(caller);
  if (organisation) return { key: `lookup#org:${organisation}`, limit: config().LOOKUPS_PER_5_MIN_ORGANISATION, organisation: true };
  const hash = createHmac('sha256', await piiHashKey())
    .update(`client-address:${addressClient(sourceAddress(event))}`)
    .digest('base64url');
  return { key: `lookup#addr:${hash}`, limit: config().LOOKUPS_PER_5_MIN_ANONYMOUS, organisation: false };
}

/**
 * Charges `lookups` to the caller's budget, or throws 429 (problem+json with Retry-After) when
 * they do not fit; then nothing is charged.
 */
export async function chargeLookups(event: APIGatewayProxyEventV2, caller: Principal | undefined, lookups: number): Promise<void> {
  const client = await clientOf(event, caller);
  const decision = await charge({ key: client.key, cost: lookups, limit: client.limit, windowSeconds: LOOKUP_WINDOW_SECONDS });
  if (decision.allowed) return;
  const seconds = decision.retryAfterSeconds;
  const minutes = LOOKUP_WINDOW_SECONDS / 60;
  const who = client.organisation ? text('每个机构', 'Each organisation') : text('每个客户端', 'Each client');
  throw new HttpProblem(
    429,
    text('请求过多', 'Too many requests'),
    text(
      `${who.zh}每 ${minutes} 分钟最多核验 ${client.limit} 次（批量核验中每一对证书编号和姓名各计一次）。请在 ${seconds} 秒后重试。`,
      `${who.en} may verify ${client.limit} certificates per ${minutes} minutes (each number + name pair of a batch counts as one). Retry in ${seconds} s.`,
    ),
    { type: '/problems/rate-limited', headers: { 'retry-after': String(seconds) } },
  );
}
