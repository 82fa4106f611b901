import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { HourRecord } from '../core/records';
import { learningHoursTable } from '../table';

/** Every record an institution posted for a year, through the byInstitutionYear index (no scan). */
export async function recordsOfInstitutionYear(institutionId: string, year: number): Promise<HourRecord[]> {
  const records: HourRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await documentClient().send(
      new QueryCommand({
        TableName: tableName(learningHoursTable),
        IndexName: 'byInstitutionYear',
        KeyConditionExpression: 'institutionYear = :iy',
        ExpressionAttributeValues: { ':iy': `INST#${institutionId}#${year}` },
        ExclusiveStartKey: start,
      }),
    );
    records.push(...((res.Items ?? []) as HourRecord[]));
    start = res.LastEvaluatedKey;
  } while (start);
  return records;
}
