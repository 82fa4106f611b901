import type { Certificate } from './model';
import { maskName } from './names';
import { certificateStatus, todayInChina, type CertificateStatus } from './status';

/** The public answer of DESIGN §3: status, masked holder name, never the ID number. */
export interface PublicCertificate extends Pick<Certificate, 'number' | 'type' | 'title' | 'level' | 'specialty' | 'issuerName' | 'issueDate' | 'validUntil'> {
  status: CertificateStatus;
  revocation?: { date: string; reason: string };
  suspension?: { date: string; reason: string };
  holderName: string;
  hours?: Certificate['hours'];
}

export function publicView(cert: Certificate, today = todayInChina()): PublicCertificate {
  const status = certificateStatus(cert, today);
  return {
    number: cert.number,
    type: cert.type,
    title: cert.title,
    level: cert.level,
    specialty: cert.specialty,
    issuerName: cert.issuerName,
    issueDate: cert.issueDate,
    validUntil: cert.validUntil,
    status,
    ...(status === 'REVOKED' && cert.revocation ? { revocation: { date: cert.revocation.date, reason: cert.revocation.reason } } : {}),
    ...(status === 'SUSPENDED' && cert.suspension ? { suspension: { date: cert.suspension.date, reason: cert.suspension.reason } } : {}),
    holderName: maskName(cert.holderName),
    ...(cert.hours ? { hours: cert.hours } : {}),
  };
}
