import { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../../shared/auth/principal';
import { newVerificationId } from '../store/verifications';
import { VERIFICATION_AUDIT, type AuditLine, type VerificationMethod } from '../core/verification-log';

// Its own logger at a fixed level: the audit trail must not vanish when LOG_LEVEL is raised.
const auditLogger = new Logger({ serviceName: 'certificates-audit', logLevel: 'INFO' });

/** Writes one audit line per successful verification; a log subscription stores it (see core/verification-log). */
export function logVerification(number: string, method: VerificationMethod, caller: Principal | undefined): void {
  const line: AuditLine = {
    audit: VERIFICATION_AUDIT,
    verification: { id: newVerificationId(), number, at: new Date().toISOString(), method, verifier: caller?.label ?? 'anonymous' },
  };
  auditLogger.info('certificate verified', { ...line });
}
