import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { Employer, StaffMember } from '../core/employers';
import type { Employment } from '../core/policy-choice';
import { learningHoursTable } from '../table';

/*
 * Employers (用人单位) and their staff lists, in the service's table:
 *  - `EMP#<id>` / `#EMP`               the employer
 *  - `EMP#<id>` / `STAFF#<staffId>`    one person on its staff (keyed hash, masked ID, name)
 *  - `PERSON#<personId>` / `EMPLOYMENT` which employer keeps the person's record: the one item
 *    every compliance judgement reads (one GetItem) to pick the policy (core/policy-choice.ts).
 * The staff item and the employment item are written and deleted together in one transaction,
 * so the list an employer sees and the policy a person is judged by never disagree.
 */
const table = () => tableName(learningHoursTable);
const employerKey = (id: string) => ({ pk: `EMP#${id}`, sk: '#EMP' });
const staffKey = (employerId: string, staffId: string) => ({ pk: `EMP#${employerId}`, sk: `STAFF#${staffId}` });
const employmentKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'EMPLOYMENT' });

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest as T;
}

/** Registers an employer; false when the id is taken. */
export async function createEmployer(employer: Employer): Promise<boolean> {
  try {
    await documentClient().send(new PutCommand({ TableName: table(), Item: { ...employerKey(employer.id), entity: 'Employer', ...employer }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getEmployer(id: string): Promise<Employer | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: employerKey(id), ConsistentRead: true }));
  return Item ? strip<Employer>(Item) : undefined;
}

export type AddStaffOutcome = 'created' | 'duplicate' | 'elsewhere';

/**
 * Puts a person on an employer's staff: the staff item and the person's employment item in one
 * transaction. Already on this staff → `duplicate` (nothing changes); on another employer's
 * staff → `elsewhere` (a person's record is kept by one employer: the other must remove them first).
 */
export async function addStaffMember(employer: Employer, member: StaffMember): Promise<AddStaffOutcome> {
  const employment = { employerId: employer.id, region: employer.region, staffId: member.staffId, name: member.name, since: member.addedAt };
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table(), Item: { ...staffKey(employer.id, member.staffId), entity: 'StaffMember', ...member }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: table(),
              Item: { ...employmentKey(member.personId), entity: 'Employment', personId: member.personId, ...employment },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return 'created';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons.some((r) => r.Code && r.Code !== 'None' && r.Code !== 'ConditionalCheckFailed')) throw error;
    const current = await employmentOf(member.personId, true);
    if (current?.employerId === employer.id) return 'duplicate';
    if (current) return 'elsewhere';
    // The condition failed on a state that is gone again (a concurrent removal): let the caller retry.
    throw error;
  }
}

/** Takes a person off the staff list, and the employment with it; false when not on it. */
export async function removeStaffMember(employerId: string, staffId: string): Promise<StaffMember | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: staffKey(employerId, staffId), ConsistentRead: true }));
  if (!Item) return undefined;
  const member = strip<StaffMember>(Item);
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: table(), Key: staffKey(employerId, staffId), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Delete: {
              TableName: table(),
              Key: employmentKey(member.personId),
              ConditionExpression: 'employerId = :employer',
              ExpressionAttributeValues: { ':employer': employerId },
            },
          },
        ],
      }),
    );
    return member;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return undefined;
    throw error;
  }
}

/** Which employer keeps the person's record, if any (with the name its staff list gives). */
export async function employmentOf(personId: string, consistent = false): Promise<(Employment & { name: string }) | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: employmentKey(personId), ConsistentRead: consistent }));
  if (!Item) return undefined;
  return { employerId: String(Item.employerId), region: String(Item.region), name: String(Item.name) };
}

export interface StaffPage {
  members: StaffMember[];
  /** Where the next page starts (the last sort key read), absent on the last page. */
  next?: string;
}

/** One page of an employer's staff list, in staffId order, from `after` (a sort key this function answered). */
export async function staffPage(employerId: string, limit: number, after?: string): Promise<StaffPage> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :staff)',
      ExpressionAttributeValues: { ':pk': `EMP#${employerId}`, ':staff': 'STAFF#' },
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { pk: `EMP#${employerId}`, sk: after } } : {}),
    }),
  );
  const next = res.LastEvaluatedKey ? String(res.LastEvaluatedKey.sk) : undefined;
  return { members: (res.Items ?? []).map((item) => strip<StaffMember>(item)), ...(next ? { next } : {}) };
}
