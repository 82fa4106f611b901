import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import { LOOKUP_RETENTION_DAYS, LOOKUPS_SHOWN, type PersonLookup } from '../core/person-lookups';
import { learningHoursTable } from '../table';

const table = () => tableName(learningHoursTable);
const LOOKUP_PREFIX = 'LOOKUP#';
const personKey = (personId: string) => `PERSON#${personId}`;

/** Logs one HR lookup under the person (keyed hash), newest last in key order; expires by TTL. */
export async function putPersonLookup(personId: string, lookup: PersonLookup): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        pk: personKey(personId),
        sk: `${LOOKUP_PREFIX}${lookup.at}#${lookup.id}`,
        entity: 'PersonLookup',
        ...lookup,
        expiresAt: Math.floor(Date.parse(lookup.at) / 1000) + LOOKUP_RETENTION_DAYS * 24 * 3600,
      },
    }),
  );
}

/** The newest lookups of a person, newest first: one Query, however long the log. */
export async function listPersonLookups(personId: string, limit = LOOKUPS_SHOWN): Promise<PersonLookup[]> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': personKey(personId), ':prefix': LOOKUP_PREFIX },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map(({ id, at, by, region, years }) => ({ id, at, by, ...(region ? { region } : {}), years }) as PersonLookup);
}
