import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { queryAll } from '../../../shared/ddb/query-all';
import { tableName } from '../../../shared/ddb/table-name';
import type { LocalizedText } from '../../../shared/http/messages';
import type { Attachment } from '../core/model';
import { casesTable } from '../table';
import { ATTACHMENT_PREFIX, attachmentKey, caseKey } from './keys';

const table = () => tableName(casesTable);

function fromItem(item: Record<string, unknown>): Attachment {
  const { pk: _pk, sk: _sk, entity: _entity, ...attachment } = item;
  return attachment as unknown as Attachment;
}

/** The attachment's item, written in the same transaction as the edit of the case it joins. */
export const attachmentItem = (attachment: Attachment) => ({ ...attachmentKey(attachment.caseId, attachment.id), entity: 'CaseAttachment', ...attachment });

export async function getAttachment(caseId: string, attachmentId: string): Promise<Attachment | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: attachmentKey(caseId, attachmentId), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

export async function listAttachments(caseId: string): Promise<Attachment[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': ATTACHMENT_PREFIX },
    ConsistentRead: true,
  });
  return items.map(fromItem).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

export type Verdict = { status: 'VERIFIED'; etag: string } | { status: 'REJECTED'; reason: LocalizedText };

/** Records what the check of the uploaded object found; false when the attachment does not exist. */
export async function recordVerdict(caseId: string, attachmentId: string, verdict: Verdict, at: string): Promise<boolean> {
  const verified = verdict.status === 'VERIFIED';
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: attachmentKey(caseId, attachmentId),
        UpdateExpression: verified ? 'SET #status = :status, etag = :etag, verifiedAt = :at REMOVE rejection' : 'SET #status = :status, rejection = :reason REMOVE etag, verifiedAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: verified ? { ':status': verdict.status, ':etag': verdict.etag, ':at': at } : { ':status': verdict.status, ':reason': verdict.reason },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
