import type { CertificateIssued } from '../../../events/certificate-issued';
import type { CertificateRevoked } from '../../../events/certificate-revoked';
import { envelopeFor, type StreamChange } from '../../../events/envelope';
import type { Certificate } from './model';

export type CertificateEvent = CertificateIssued | CertificateRevoked;


const isCertificate = (image?: Record<string, unknown>): image is Record<string, unknown> & Certificate => image?.entity === 'Certificate';

/**
 * The domain events a change to the certificates table means — derived from the stream, never
 * published beside a write: an INSERT of a certificate is CertificateIssued; a MODIFY that sets
 * a revocation is CertificateRevoked. Anything else means no event.
 */
export function certificateEventsFrom(change: StreamChange): CertificateEvent[] {
  const { oldImage, newImage } = change;
  const envelope = (type: CertificateEvent['type']) => envelopeFor(change, 'tsp.certificates', type);
  if (isCertificate(newImage) && !oldImage) {
    return [
      {
        ...envelope('CertificateIssued'),
        type: 'CertificateIssued',
        detail: {
          number: newImage.number,
          type: newImage.type,
          region: newImage.region,
          year: newImage.year,
          personId: newImage.personId,
          title: newImage.title,
          issuerName: newImage.issuerName,
          issueDate: newImage.issueDate,
          ...(newImage.validUntil ? { validUntil: newImage.validUntil } : {}),
        },
      },
    ];
  }
  if (isCertificate(newImage) && isCertificate(oldImage) && newImage.revocation && !oldImage.revocation) {
    return [
      {
        ...envelope('CertificateRevoked'),
        type: 'CertificateRevoked',
        detail: {
          number: newImage.number,
          type: newImage.type,
          region: newImage.region,
          personId: newImage.personId,
          date: newImage.revocation.date,
          reason: newImage.revocation.reason,
          by: newImage.revocation.by,
        },
      },
    ];
  }
  return [];
}
