import type { Principal } from '../../../shared/auth/principal';
import { buildCertificate, groupBySequence, issueYear, type PreparedIssue } from '../core/issuing';
import type { Certificate } from '../core/model';
import { allocateSerials, putCertificates, recordUnusedSerials, releaseSerials, type CompanionItem } from '../store/certificates';

export type IssueOutcome = { index: number; status: 'created'; certificate: Certificate } | { index: number; status: 'failed'; error: unknown };

/**
 * Issues certificates: per (type, region, year) one atomic allocation of consecutive serials,
 * then transactional writes. If a write fails, the unused serials are handed back when no one
 * allocated after them, or else recorded as unused, so the sequence never has a silent gap.
 */
export async function issueCertificates(items: { index: number; issue: PreparedIssue }[], issuedBy: Principal['label'], companion?: CompanionItem): Promise<IssueOutcome[]> {
  const outcomes: IssueOutcome[] = [];
  for (const group of groupBySequence(items).values()) {
    const { type, region } = group[0]!.issue.request;
    const year = issueYear(group[0]!.issue);
    let first: number;
    try {
      first = await allocateSerials(type, region, year, group.length);
    } catch (error) {
      for (const item of group) outcomes.push({ index: item.index, status: 'failed', error });
      continue;
    }
    const certs = group.map((item, i) => buildCertificate(item.issue, first + i, issuedBy));
    const { written, error, uncertain } = await putCertificates(certs, companion);
    certs.slice(0, written).forEach((certificate, i) => outcomes.push({ index: group[i]!.index, status: 'created', certificate }));
    // When it cannot be told whether the write was applied, the serials are neither handed back
    // (they may be taken: the next issue would collide with them) nor recorded as unused.
    if (error !== undefined && !uncertain) {
      const unused = certs.slice(written).map((c) => c.serial);
      const released = await releaseSerials(type, region, year, unused[0]!, unused.length).catch(() => false);
      if (!released) await recordUnusedSerials(type, region, year, unused, 'write failed after allocation').catch(() => undefined);
    }
    if (error !== undefined) {
      for (const item of group.slice(written)) outcomes.push({ index: item.index, status: 'failed', error });
    }
  }
  return outcomes.sort((a, b) => a.index - b.index);
}
