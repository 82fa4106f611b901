import type { Text } from '../../../shared/http/messages';
import type { AttachmentContentType } from './attachments';
import type { CaseTopic } from './topics';
import type { CaseStatus, Move } from './workflow';

/** What an author writes; the Markdown body itself is stored in S3 (`bodyKey`). */
export interface CaseContent {
  title: string;
  summary: string;
  topic: CaseTopic;
  /** GB/T 2260 division code of the department the case comes from; also who may manage it. */
  region: string;
  year: number;
  tags: string[];
}

export interface Draft extends CaseContent {
  bodyKey: string;
  updatedAt: string;
  updatedBy: string;
}

export type CaseAction = 'create' | 'revise' | Move;

/** One change of state: who (a non-personal label), when, what, and the comment given. */
export interface HistoryEntry {
  action: CaseAction;
  from?: CaseStatus;
  to: CaseStatus;
  at: string;
  by: string;
  comment?: string;
  /** The version a publish froze (or a withdraw took down). */
  version?: number;
}

/** The published version the public reads, and what it says (the draft may since have moved on). */
export interface LiveVersion extends Omit<CaseContent, 'tags'> {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

/** An attachment as it was when its revision was submitted: publishing copies exactly this. */
export interface ReviewedAttachment {
  id: string;
  etag: string;
}

export interface CaseRecord {
  id: string;
  status: CaseStatus;
  /** Goes up with every change; every write is conditional on the revision it read. */
  revision: number;
  draft: Draft;
  /** Subjects who created or edited the case: none of them may approve or reject it. */
  contributors: string[];
  createdAt: string;
  createdBy: string;
  live?: LiveVersion;
  /** When the case was first published: its place in the newest-first listings, kept across versions. */
  firstPublishedAt?: string;
  /** Set on submit: the attachments the reviewer saw. */
  reviewedAttachments?: ReviewedAttachment[];
  history: HistoryEntry[];
}

export type AttachmentStatus = 'PENDING' | 'VERIFIED' | 'REJECTED';

export interface Attachment {
  id: string;
  caseId: string;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  key: string;
  status: AttachmentStatus;
  requestedAt: string;
  requestedBy: string;
  /** After this the upload URL no longer works. */
  uploadExpiresAt: string;
  /** Of the verified object. */
  etag?: string;
  verifiedAt?: string;
  /** Why the upload was refused: both languages (records from before carry one English string). */
  rejection?: Text;
}

export interface PublishedAttachment {
  id: string;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  /** The frozen copy under `published/`, which no upload URL can overwrite. */
  key: string;
}

/** A frozen, published version: never changed once written. */
export interface CaseVersion extends CaseContent {
  caseId: string;
  version: number;
  bodyKey: string;
  attachments: PublishedAttachment[];
  publishedAt: string;
  publishedBy: string;
}

/** A case as the listings show it (carried by every list entry). */
export interface CaseCard extends CaseContent {
  id: string;
  version: number;
  publishedAt: string;
}
