import type { Principal } from '../../../shared/auth/principal';
import type { CaseContent, CaseRecord, HistoryEntry, LiveVersion, ReviewedAttachment } from './model';
import { isEditable, type CaseStatus, type Move, type WorkflowState } from './workflow';

/*
 * The next state of a case after each kind of change, as pure functions: the app layer checks
 * the rules (workflow, authorisation), stores what these return, conditional on the revision read.
 */
export type Actor = Pick<Principal, 'subject' | 'label'>;

export const workflowState = (record: CaseRecord): WorkflowState => ({ status: record.status, live: record.live !== undefined });

const withContributor = (contributors: readonly string[], subject: string) => (contributors.includes(subject) ? [...contributors] : [...contributors, subject]);

export function newCase(id: string, content: CaseContent, bodyKey: string, by: Actor, at: string): CaseRecord {
  return {
    id,
    status: 'DRAFT',
    revision: 1,
    draft: { ...content, bodyKey, updatedAt: at, updatedBy: by.label },
    contributors: [by.subject],
    createdAt: at,
    createdBy: by.label,
    history: [{ action: 'create', to: 'DRAFT', at, by: by.label }],
  };
}

/**
 * The case after an edit of its draft (fields, body or attachments). From REJECTED or PUBLISHED
 * the edit starts a new DRAFT revision, which the history records; the editor becomes a
 * contributor, and whatever was reviewed before no longer is.
 */
export function edited(record: CaseRecord, changes: Partial<CaseContent>, bodyKey: string | undefined, by: Actor, at: string): CaseRecord {
  if (!isEditable(workflowState(record))) throw new Error(`A ${record.status} case is not editable`);
  const { reviewedAttachments: _reviewed, ...rest } = record;
  const revising = record.status !== 'DRAFT';
  return {
    ...rest,
    status: 'DRAFT',
    revision: record.revision + 1,
    draft: { ...record.draft, ...changes, ...(bodyKey ? { bodyKey } : {}), updatedAt: at, updatedBy: by.label },
    contributors: withContributor(record.contributors, by.subject),
    history: revising ? [...record.history, { action: 'revise', from: record.status, to: 'DRAFT', at, by: by.label }] : record.history,
  };
}

export interface MoveDetails {
  comment?: string;
  /** submit: the attachments the reviewer will see. */
  reviewedAttachments?: ReviewedAttachment[];
  /** publish: the version now live. */
  live?: LiveVersion;
}

/** The case after a workflow move (already checked allowed) to `to`, with who, when and why in its history. */
export function moved(record: CaseRecord, move: Move, to: CaseStatus, by: Actor, at: string, details: MoveDetails = {}): CaseRecord {
  const version = move === 'publish' ? details.live?.version : move === 'withdraw' ? record.live?.version : undefined;
  const entry: HistoryEntry = {
    action: move,
    from: record.status,
    to,
    at,
    by: by.label,
    ...(details.comment ? { comment: details.comment } : {}),
    ...(version ? { version } : {}),
  };
  const next: CaseRecord = { ...record, status: to, revision: record.revision + 1, history: [...record.history, entry] };
  if (move === 'submit') next.reviewedAttachments = details.reviewedAttachments ?? [];
  if (move === 'publish' && details.live) {
    next.live = details.live;
    next.firstPublishedAt ??= details.live.publishedAt;
  }
  if (move === 'withdraw') delete next.live;
  return next;
}
