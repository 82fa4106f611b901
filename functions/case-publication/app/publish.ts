import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ATTACHMENT_TYPES } from '../core/attachments';
import { listPartitionsOf, orderKey, termPartition } from '../core/listing';
import { markdownText } from '../core/markdown';
import type { CaseCard, CaseRecord, CaseVersion, LiveVersion, PublishedAttachment } from '../core/model';
import { moved } from '../core/revisions';
import { indexTerms } from '../core/search-terms';
import { freezeAttachment, inspectUpload } from '../store/attachment-files';
import { getAttachment } from '../store/attachments';
import { freezeBody, publishedPrefix, readBody } from '../store/bodies';
import { versionItem } from '../store/cases';
import { entriesOfCase, listEntryItem, putPostings } from '../store/listing';
import { entryKey } from '../store/keys';
import { changeCase } from './changes';
import { checkMove } from './moves';
import { removePostings } from './search-index';

const changedSinceReview = (current: CaseRecord, attachmentId: string) =>
  problems.conflict(
    text(`附件 ${attachmentId} 在审核后被更改，请编辑案例后重新提交。`, `Attachment ${attachmentId} changed after it was reviewed: edit the case and submit it again.`),
    { caseStatus: current.status, attachmentId },
  );

/**
 * Copies each reviewed attachment into the version — on condition it is still the object the
 * reviewer saw (same ETag, checked by S3 during the copy) — or refuses the publish.
 */
async function freezeAttachments(current: CaseRecord, version: number): Promise<PublishedAttachment[]> {
  const frozen: PublishedAttachment[] = [];
  for (const reviewed of current.reviewedAttachments ?? []) {
    const attachment = await getAttachment(current.id, reviewed.id);
    if (!attachment || attachment.status !== 'VERIFIED' || attachment.etag !== reviewed.etag) throw changedSinceReview(current, reviewed.id);
    const key = `${publishedPrefix(current.id, version)}${attachment.id}.${ATTACHMENT_TYPES[attachment.contentType].ext}`;
    // The HEAD-like check catches a change on S3 implementations that ignore the copy's condition.
    if ((await inspectUpload(attachment.key))?.etag !== reviewed.etag || !(await freezeAttachment(attachment.key, reviewed.etag, key))) throw changedSinceReview(current, reviewed.id);
    frozen.push({ id: attachment.id, fileName: attachment.fileName, contentType: attachment.contentType, size: attachment.size, key });
  }
  return frozen;
}

/**
 * Freezes the approved revision as the next version and makes it what the public reads: the
 * body and the reviewed attachments are copied to the version's own keys, its search postings
 * written, then — in one transaction — the case, the version and the case's listing entries.
 */
export async function publishCase(principal: Principal, caseId: string, comment: string | undefined, logger: Logger): Promise<CaseRecord> {
  let postings = new Set<string>();
  const record = await changeCase(principal, caseId, async (current) => {
    const to = checkMove(principal, current, 'publish');
    const { bodyKey: draftBodyKey, updatedAt: _updatedAt, updatedBy: _updatedBy, ...content } = current.draft;
    const at = new Date().toISOString();
    const version = (current.live?.version ?? 0) + 1;
    const firstPublishedAt = current.firstPublishedAt ?? at;
    const order = orderKey(firstPublishedAt, caseId);

    const frozen: CaseVersion = {
      caseId,
      version,
      ...content,
      bodyKey: await freezeBody(draftBodyKey, caseId, version),
      attachments: await freezeAttachments(current, version),
      publishedAt: at,
      publishedBy: principal.label,
    };
    const terms = indexTerms(content.title, content.summary, content.tags.join(' '), markdownText(await readBody(draftBodyKey)));
    postings = new Set(terms.map(termPartition));
    await putPostings(caseId, [...postings], order);

    const card: CaseCard = { id: caseId, version, ...content, publishedAt: firstPublishedAt };
    const lists = listPartitionsOf(content);
    const previous = await entriesOfCase(caseId, 'LIST#');
    const { tags: _tags, ...liveContent } = content;
    const live: LiveVersion = { version, publishedAt: at, publishedBy: principal.label, ...liveContent };
    return {
      record: moved(current, 'publish', to, principal, at, { comment, live }),
      companions: {
        puts: [versionItem(frozen), ...lists.map((list) => listEntryItem(list, order, card))],
        // Lists the previous version was in and this one is not (its topic, region or year changed).
        deletes: previous.filter((list) => !lists.includes(list)).map((list) => entryKey(caseId, list)),
      },
    };
  });
  // The previous version's terms that this one no longer has.
  await removePostings(caseId, (posting) => !postings.has(posting), logger);
  return record;
}
