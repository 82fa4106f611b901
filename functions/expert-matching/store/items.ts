import { tableName } from '../../../shared/ddb/table-name';
import { disciplineGroup } from '../core/disciplines';
import type { ProposalRecord, StoredExpert, StoredNeed } from '../core/need-state';
import { isOpen } from '../core/need-state';
import { expertMatchingTable } from '../table';

/** Key layout and item shapes of the expert-matching table (see table.ts). */
export const table = () => tableName(expertMatchingTable);

export const expertKey = (id: string) => ({ pk: `EXPERT#${id}`, sk: '#PROFILE' });
export const expertGroupKey = (id: string, group: string) => ({ pk: `EXPERT#${id}`, sk: `GROUP#${group}` });
export const needKey = (id: string) => ({ pk: `NEED#${id}`, sk: '#NEED' });
export const proposalKey = (needId: string, expertId: string) => ({ pk: `NEED#${needId}`, sk: `PROPOSAL#${expertId}` });
export const serviceKey = (needId: string, expertId: string) => ({ pk: `NEED#${needId}`, sk: `SERVICE#${expertId}` });
export const feedbackKey = (needId: string) => ({ pk: `NEED#${needId}`, sk: 'FEEDBACK' });

/** The first-level disciplines an expert is found under. */
export const groupsOf = (fields: readonly string[]) => [...new Set(fields.map(disciplineGroup))].sort();

/** Open needs sit in one index partition; a round reads them oldest first. */
export const OPEN_SCOPE = 'OPEN';

export function needItem(need: StoredNeed): Record<string, unknown> {
  return { ...needKey(need.id), entity: 'Need', ...need, ...(isOpen(need) ? { openScope: OPEN_SCOPE, openSince: need.submittedAt } : {}) };
}

export function proposalItem(p: ProposalRecord): Record<string, unknown> {
  return { ...proposalKey(p.needId, p.expertId), entity: 'Proposal', ...p, proposedExpert: p.expertId };
}

/** A copy of the profile for one discipline group; never carries the person link. */
export function expertGroupItem(expert: StoredExpert, group: string): Record<string, unknown> {
  const { personId: _p, idNumberMasked: _m, ...profile } = expert;
  return { ...expertGroupKey(expert.id, group), entity: 'ExpertGroup', ...profile, disciplineGroup: group, expertId: expert.id };
}

/** Drops key and index attributes, leaving the domain object. */
export function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _e, disciplineGroup: _g, expertId: _x, openScope: _o, openSince: _s, proposedExpert: _pe, ...rest } = item;
  // A proposal keeps its expertId; only group copies add it as an index key.
  return (item.entity === 'Proposal' || item.entity === 'Service' ? { ...rest, expertId: item.expertId } : rest) as T;
}
