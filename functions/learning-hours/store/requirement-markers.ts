import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { queryAll } from '../../../shared/ddb/query-all';
import { tableName } from '../../../shared/ddb/table-name';
import { learningHoursTable } from '../table';

export interface RequirementTotals {
  policy: string;
  totalHours: number;
  professionalHours: number;
  publicHours: number;
}

/** Who the year belongs to, as the continuing-education certificate names them. */
export interface RequirementHolder {
  holderName: string;
  idNumberMasked: string;
  /** Where the name comes from and whether the year's records disagree on it (core/holder-name.ts). */
  holderNameSource: 'STAFF_LIST' | 'RECORDS';
  nameReview: boolean;
  holderNameVariants: string[];
}

const table = () => tableName(learningHoursTable);
const key = (personId: string, year: number) => ({ pk: `PERSON#${personId}`, sk: `MET#${year}` });

/**
 * Records that a person met a year — once. The marker's INSERT on the table stream is what
 * becomes AnnualRequirementMet, so the event cannot be emitted twice or without the state.
 * `version` starts at 1 and rises with every later change of state. Returns false when the
 * year was already marked.
 */
export async function markRequirementMet(personId: string, year: number, totals: RequirementTotals, holder: RequirementHolder): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: table(),
        Item: { ...key(personId, year), entity: 'RequirementMet', personId, year, ...totals, ...holder, state: 'MET', version: 1, metAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A marked year that no longer meets the requirement (hours voided), or meets it again: a new version. */
export async function setRequirementState(personId: string, year: number, state: 'MET' | 'LAPSED', totals: RequirementTotals, holder: RequirementHolder): Promise<void> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(personId, year),
        UpdateExpression: 'SET #state = :state, #policy = :policy, totalHours = :t, professionalHours = :p, publicHours = :u, holderName = :name, idNumberMasked = :masked, holderNameSource = :source, nameReview = :review, holderNameVariants = :variants ADD version :one',
        ConditionExpression: 'attribute_exists(pk) AND #state <> :state',
        ExpressionAttributeNames: { '#state': 'state', '#policy': 'policy' },
        ExpressionAttributeValues: {
          ':state': state,
          ':policy': totals.policy,
          ':t': totals.totalHours,
          ':p': totals.professionalHours,
          ':u': totals.publicHours,
          ':name': holder.holderName,
          ':masked': holder.idNumberMasked,
          ':source': holder.holderNameSource,
          ':review': holder.nameReview,
          ':variants': holder.holderNameVariants,
          ':one': 1,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** The years a person has a marker for (met once, lapsed or not): the years a change of policy must re-judge. */
export async function markedYearsOf(personId: string): Promise<number[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :met)',
    ExpressionAttributeValues: { ':pk': `PERSON#${personId}`, ':met': 'MET#' },
    ProjectionExpression: '#year',
    ExpressionAttributeNames: { '#year': 'year' },
  });
  return items.map((item) => Number(item.year));
}
