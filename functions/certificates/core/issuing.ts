import type { Principal } from '../../../shared/auth/principal';
import { maskIdNumber } from '../../../shared/ids/identity-document';
import type { IssueRequest } from '../schemas';
import type { Certificate } from './model';
import { formatCertificateNumber } from './number';

/** A request whose holder identity has been hashed: the ID number itself goes no further. */
export interface PreparedIssue {
  request: Omit<IssueRequest, 'holder'> & { holder: { name: string } };
  personId: string;
  idNumberMasked: string;
  hours?: Certificate['hours'];
}

export function prepareIssue(request: IssueRequest, personId: string): PreparedIssue {
  const { holder, ...rest } = request;
  return { request: { ...rest, holder: { name: holder.name } }, personId, idNumberMasked: maskIdNumber(holder) };
}

export const issueYear = (issue: PreparedIssue) => Number(issue.request.issueDate.slice(0, 4));

export function buildCertificate(issue: PreparedIssue, serial: number, issuedBy: Principal['label'], now = new Date()): Certificate {
  const { request } = issue;
  const year = issueYear(issue);
  const at = now.toISOString();
  return {
    number: formatCertificateNumber({ type: request.type, region: request.region, year, serial }),
    type: request.type,
    region: request.region,
    year,
    serial,
    holderName: request.holder.name,
    personId: issue.personId,
    idNumberMasked: issue.idNumberMasked,
    title: request.title,
    level: request.level,
    specialty: request.specialty,
    issuerName: request.issuerName,
    issueDate: request.issueDate,
    validUntil: request.validUntil,
    ...(issue.hours ? { hours: issue.hours } : {}),
    history: [{ action: 'ISSUED', at, by: issuedBy }],
    issuedBy,
    createdAt: at,
  };
}

/** Groups issues by their serial sequence (type, region, year), keeping input positions. */
export function groupBySequence<T extends { issue: PreparedIssue }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.issue.request.type}|${item.issue.request.region}|${issueYear(item.issue)}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
