const partition = (caseId: string) => `CASE#${caseId}`;

export const caseKey = (caseId: string) => ({ pk: partition(caseId), sk: '#CASE' });
export const VERSION_PREFIX = 'VERSION#';
export const versionKey = (caseId: string, version: number) => ({ pk: partition(caseId), sk: `${VERSION_PREFIX}${String(version).padStart(6, '0')}` });
export const ATTACHMENT_PREFIX = 'ATT#';
export const attachmentKey = (caseId: string, attachmentId: string) => ({ pk: partition(caseId), sk: `${ATTACHMENT_PREFIX}${attachmentId}` });
/** A listing entry or posting of a case: its sort key is the list it belongs to (`LIST#…`, `TERM#…`). */
export const entryKey = (caseId: string, list: string) => ({ pk: partition(caseId), sk: list });
export const caseIdOfPartition = (pk: string) => pk.slice('CASE#'.length);
