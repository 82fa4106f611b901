import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const certificateIssuedDetail = z.strictObject({
  number: z.string().length(20),
  type: z.enum(['ZC', 'ZY', 'JD', 'JX', 'PX']),
  region: z.string().regex(/^\d{6}$/),
  year: z.number().int(),
  /** Keyed hash of the holder's resident ID number (never the number itself). */
  personId: z.string().min(20),
  title: z.string(),
  issuerName: z.string(),
  issueDate: z.iso.date(),
  validUntil: z.iso.date().optional(),
});

export const certificateIssued = eventEnvelope('CertificateIssued', certificateIssuedDetail);
export type CertificateIssued = z.infer<typeof certificateIssued>;

export const certificateIssuedContract: EventContract<typeof certificateIssued> = {
  type: 'CertificateIssued',
  producer: 'certificates',
  consumers: [],
  description: 'A certificate was registered (its PDF is rendered from the same stream record).',
  schema: certificateIssued,
  sample: {
    id: 'h3QyX0yqgBv1mH0w8hjKmF7pRk2nA4sE',
    type: 'CertificateIssued',
    source: 'tsp.certificates',
    time: '2026-03-01T02:00:00.000Z',
    detail: {
      number: 'ZC310000202600012346',
      type: 'ZC',
      region: '310000',
      year: 2026,
      personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
      title: '高级工程师',
      issuerName: '上海市人力资源和社会保障局',
      issueDate: '2026-03-01',
    },
  },
};
