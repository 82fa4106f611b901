import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const certificateRevokedDetail = z.strictObject({
  number: z.string().length(20),
  type: z.enum(['ZC', 'ZY', 'JD', 'JX', 'PX']),
  region: z.string().regex(/^\d{6}$/),
  personId: z.string().min(20),
  date: z.iso.date(),
  reason: z.string().min(1),
  by: z.string(),
});

export const certificateRevoked = eventEnvelope('CertificateRevoked', certificateRevokedDetail);
export type CertificateRevoked = z.infer<typeof certificateRevoked>;

export const certificateRevokedContract: EventContract<typeof certificateRevoked> = {
  type: 'CertificateRevoked',
  producer: 'certificates',
  consumers: [],
  description: 'A certificate was revoked; verification answers REVOKED from now on.',
  schema: certificateRevoked,
  sample: {
    id: 'Zx9kQ2m1Lp0vB7wYt3R6hN4sC8dF5gJ1',
    type: 'CertificateRevoked',
    source: 'tsp.certificates',
    time: '2026-06-01T08:30:00.000Z',
    detail: {
      number: 'ZC310000202600012346',
      type: 'ZC',
      region: '310000',
      personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
      date: '2026-06-01',
      reason: '申报材料弄虚作假',
      by: 'issuer:310000',
    },
  },
};
