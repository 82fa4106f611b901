import { renderText, type Language } from '../../../shared/http/messages';
import type { Attachment, CaseRecord } from '../core/model';
import { workflowState } from '../core/revisions';
import { allowedMoves, isEditable } from '../core/workflow';
import { downloadUrl } from '../store/attachment-files';
import { listAttachments } from '../store/attachments';
import { readBody } from '../store/bodies';
import { listVersions } from '../store/cases';

async function attachmentView(attachment: Attachment, language: Language) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    size: attachment.size,
    status: attachment.status,
    ...(attachment.rejection ? { rejection: renderText(attachment.rejection, language) } : {}),
    // Reviewers open what they review; nothing unchecked is handed out.
    ...(attachment.status === 'VERIFIED' ? { downloadUrl: await downloadUrl(attachment.key, attachment.fileName) } : {}),
  };
}

/**
 * The case as its authors and reviewers see it: the draft with its body, what is live, what
 * happened, messages in the caller's language. `body` when the caller has it at hand (it just wrote it).
 */
export async function caseView(record: CaseRecord, language: Language, body?: string) {
  const [markdown, versions, attachments] = await Promise.all([body ?? readBody(record.draft.bodyKey), listVersions(record.id), listAttachments(record.id)]);
  const { bodyKey: _bodyKey, ...draft } = record.draft;
  const state = workflowState(record);
  return {
    id: record.id,
    status: record.status,
    revision: record.revision,
    allowedMoves: allowedMoves(state),
    editable: isEditable(state),
    draft: { ...draft, body: markdown },
    ...(record.live ? { published: { version: record.live.version, publishedAt: record.live.publishedAt, publishedBy: record.live.publishedBy, title: record.live.title } } : {}),
    versions,
    attachments: await Promise.all(attachments.map((a) => attachmentView(a, language))),
    history: record.history,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
}
