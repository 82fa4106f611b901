import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { Institution } from '../core/institutions';
import { learningHoursTable } from '../table';

const table = () => tableName(learningHoursTable);
const key = (id: string) => ({ pk: `INST#${id}`, sk: '#INST' });

function fromItem(item: Record<string, unknown>): Institution {
  const { pk: _pk, sk: _sk, entity: _e, ...institution } = item;
  return institution as unknown as Institution;
}

/** Registers an institution; false when the id is taken. */
export async function createInstitution(institution: Institution): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({ TableName: table(), Item: { ...key(institution.id), entity: 'Institution', ...institution }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Strongly consistent: a suspension must stop the very next post. */
export async function getInstitution(id: string): Promise<Institution | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: key(id), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

export async function updateInstitution(
  id: string,
  changes: Partial<Pick<Institution, 'name' | 'level' | 'status'>>,
  entry: Institution['history'][number],
): Promise<Institution | undefined> {
  const names: Record<string, string> = { '#history': 'history' };
  const values: Record<string, unknown> = { ':entry': [entry] };
  const sets = ['#history = list_append(#history, :entry)'];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  try {
    const res = await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem(res.Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
