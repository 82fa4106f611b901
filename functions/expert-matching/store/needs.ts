import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import type { Feedback, ProposalRecord, ServiceRecord, StoredNeed } from '../core/need-state';
import { batchGet } from './batch';
import { needItem, needKey, OPEN_SCOPE, proposalItem, strip, table } from './items';
import type { TransactItem } from './transactions';

export interface NeedRecords {
  need: StoredNeed;
  proposals: ProposalRecord[];
  services: ServiceRecord[];
  feedback?: Feedback;
}

export async function getNeed(id: string): Promise<StoredNeed | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: needKey(id), ConsistentRead: true }));
  return Item ? strip<StoredNeed>(Item) : undefined;
}

export async function getNeeds(ids: readonly string[]): Promise<Map<string, StoredNeed>> {
  const needs = (await batchGet([...new Set(ids)].map(needKey))).map((i) => strip<StoredNeed>(i));
  return new Map(needs.map((n) => [n.id, n]));
}

/** The need with its proposals, service records and feedback: one Query of its partition. */
export async function needRecords(id: string): Promise<NeedRecords | undefined> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res: QueryCommandOutput = await documentClient().send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NEED#${id}` }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  const needItemFound = items.find((i) => i.entity === 'Need');
  if (!needItemFound) return undefined;
  const feedback = items.find((i) => i.entity === 'Feedback');
  return {
    need: strip<StoredNeed>(needItemFound),
    proposals: items.filter((i) => i.entity === 'Proposal').map((i) => strip<ProposalRecord>(i)),
    services: items.filter((i) => i.entity === 'Service').map((i) => strip<ServiceRecord>(i)),
    feedback: feedback ? strip<Feedback>(feedback) : undefined,
  };
}

/** Stores a new need (its INSERT is what triggers matching). */
export const newNeedWrite = (need: StoredNeed): TransactItem => ({ Put: { TableName: table(), Item: needItem(need), ConditionExpression: 'attribute_not_exists(pk)' } });

/**
 * Replaces the need with `next` if it is still as `seen` (status and accepted count): every
 * change to a need is a decision taken on what was read, and must not land on newer state.
 */
export const needChangeWrite = (next: StoredNeed, seen: Pick<StoredNeed, 'status' | 'acceptedCount'>): TransactItem => ({
  Put: {
    TableName: table(),
    Item: needItem(next),
    ConditionExpression: '#status = :status AND acceptedCount = :accepted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': seen.status, ':accepted': seen.acceptedCount },
  },
});

export const newProposalWrite = (p: ProposalRecord): TransactItem => ({ Put: { TableName: table(), Item: proposalItem(p), ConditionExpression: 'attribute_not_exists(pk)' } });

/** Replaces a proposal that must still have the status the decision was taken on. */
export const proposalChangeWrite = (next: ProposalRecord, seenStatus: ProposalRecord['status']): TransactItem => ({
  Put: {
    TableName: table(),
    Item: proposalItem(next),
    ConditionExpression: '#status = :seen',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':seen': seenStatus },
  },
});

export const serviceWrite = (s: ServiceRecord): TransactItem => ({
  Put: { TableName: table(), Item: { pk: `NEED#${s.needId}`, sk: `SERVICE#${s.expertId}`, entity: 'Service', ...s }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Marks a filed service withdrawn, once. */
export const serviceChangeWrite = (s: ServiceRecord): TransactItem => ({
  Put: { TableName: table(), Item: { pk: `NEED#${s.needId}`, sk: `SERVICE#${s.expertId}`, entity: 'Service', ...s }, ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawn)' },
});

export const feedbackWrite = (f: Feedback): TransactItem => ({
  Put: { TableName: table(), Item: { pk: `NEED#${f.needId}`, sk: 'FEEDBACK', entity: 'Feedback', ...f }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Needs still wanting experts, oldest first, through the sparse `openNeeds` index. */
export async function openNeeds(limit: number): Promise<StoredNeed[]> {
  const needs: StoredNeed[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res: QueryCommandOutput = await documentClient().send(
      new QueryCommand({ TableName: table(), IndexName: 'openNeeds', KeyConditionExpression: 'openScope = :s', ExpressionAttributeValues: { ':s': OPEN_SCOPE }, ExclusiveStartKey: start, Limit: limit - needs.length }),
    );
    needs.push(...(res.Items ?? []).map((i) => strip<StoredNeed>(i)));
    start = res.LastEvaluatedKey;
  } while (start && needs.length < limit);
  return needs;
}

/** A unit's needs, newest first. */
export async function needsOfUnit(unitId: string, limit: number): Promise<StoredNeed[]> {
  const res = await documentClient().send(
    new QueryCommand({ TableName: table(), IndexName: 'byUnit', KeyConditionExpression: 'unitId = :u', ExpressionAttributeValues: { ':u': unitId }, ScanIndexForward: false, Limit: limit }),
  );
  return (res.Items ?? []).map((i) => strip<StoredNeed>(i));
}

/** An expert's proposals, newest first. */
export async function proposalsOfExpert(expertId: string, limit: number): Promise<ProposalRecord[]> {
  const res = await documentClient().send(
    new QueryCommand({ TableName: table(), IndexName: 'byExpert', KeyConditionExpression: 'proposedExpert = :e', ExpressionAttributeValues: { ':e': expertId }, ScanIndexForward: false, Limit: limit }),
  );
  return (res.Items ?? []).map((i) => strip<ProposalRecord>(i));
}
