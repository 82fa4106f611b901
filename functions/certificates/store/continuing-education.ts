import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { Certificate } from '../core/model';
import { certificatesTable } from '../table';
import { certificateKey } from './keys';

const table = () => tableName(certificatesTable);
const claimKey = (personId: string, year: number) => ({ pk: `JX#${personId}`, sk: `YEAR#${year}` });

/** The claim that a person-year has its JX certificate: which one, and the newest state applied. */
export interface ContinuingEducationClaim {
  number: string;
  appliedVersion: number;
  /** The state of that version: what the certificate must show. */
  state: 'MET' | 'LAPSED';
}

/** The claim item, written in the same transaction as the certificate (see issueCertificates' companion). */
export const claimItem = (personId: string, year: number, version: number, state: ContinuingEducationClaim['state']) => (cert: Certificate) => ({
  ...claimKey(personId, year),
  entity: 'ContinuingEducationClaim',
  number: cert.number,
  appliedVersion: version,
  state,
});

export async function getClaim(personId: string, year: number): Promise<ContinuingEducationClaim | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: claimKey(personId, year), ConsistentRead: true }));
  return Item ? { number: String(Item.number), appliedVersion: Number(Item.appliedVersion), state: Item.state === 'LAPSED' ? 'LAPSED' : 'MET' } : undefined;
}

/** Moves the claim to `version` and its state unless a newer one was applied meanwhile; false then. */
export async function advanceClaim(personId: string, year: number, version: number, state: ContinuingEducationClaim['state']): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: claimKey(personId, year),
        UpdateExpression: 'SET appliedVersion = :v, #state = :s',
        ConditionExpression: 'appliedVersion < :v',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':v': version, ':s': state },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The year's hours as the latest state has them. */
export async function setCertificateHours(number: string, hours: NonNullable<Certificate['hours']>): Promise<void> {
  await documentClient().send(
    new UpdateCommand({ TableName: table(), Key: certificateKey(number), UpdateExpression: 'SET hours = :h', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':h': hours } }),
  );
}
