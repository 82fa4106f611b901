import { randomBytes } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_EXPERT } from './messages';
import { maskIdNumber } from '../../../shared/ids/identity-document';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import type { StoredExpert } from '../core/need-state';
import { NO_HISTORY } from '../core/reliability';
import type { CreateExpertRequest, UpdateExpertRequest } from '../schemas';
import { createExpert, expertWrites, getExpert } from '../store/experts';
import { transact, withRetries } from '../store/transactions';

/** Ids the platform chooses: EXP- and 10 characters of an alphabet without look-alikes. */
function newExpertId(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `EXP-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export async function registerExpert(request: CreateExpertRequest, piiKey: string): Promise<StoredExpert> {
  const now = new Date().toISOString();
  const { idNumber, idType, idCountry, id, ...profile } = request;
  const document = idNumber ? documentOf({ idNumber, idType, idCountry }) : undefined;
  const expert: StoredExpert = {
    ...profile,
    id: id ?? newExpertId(),
    load: 0,
    reliability: NO_HISTORY,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...(document ? { personId: personIdForDocument(document, piiKey), idNumberMasked: maskIdNumber(document) } : {}),
  };
  if (!(await createExpert(expert))) throw problems.conflict(text(`专家 ${expert.id} 已存在。`, `Expert ${expert.id} exists already.`));
  return expert;
}

/** Changes the profile and every discipline copy together, re-reading if the expert changed meanwhile. */
export async function updateExpert(id: string, changes: UpdateExpertRequest): Promise<StoredExpert> {
  return withRetries(async () => {
    const previous = await getExpert(id);
    if (!previous) throw problems.notFound(NO_SUCH_EXPERT);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const next: StoredExpert = { ...previous, ...defined, version: previous.version + 1, updatedAt: new Date().toISOString() };
    if (next.availableTo < next.availableFrom) throw problems.validation([{ path: 'body.availableTo', message: text('不得早于可服务起始日期（availableFrom）', 'Must not be before availableFrom') }]);
    await transact(expertWrites(next, previous));
    return next;
  });
}

/** Admins see any expert; an expert sees their own profile. */
export function requireExpertAccess(principal: Principal, id: string): void {
  if (!principal.groups.includes('admin') && principal.expertId !== id) throw problems.forbidden(text('专家只能查看本人的信息。', 'An expert may see only their own profile.'));
}
