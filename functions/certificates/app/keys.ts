import { secretValue } from '../../../shared/config/secrets';
import { parseSigningKeys, type SigningKeys } from '../core/verification-token';

let signing: Promise<SigningKeys> | undefined;
let verifying: Promise<SigningKeys> | undefined;

/** The private signing keys (issuing functions only). */
export function signingKeys(): Promise<SigningKeys> {
  signing ??= secretValue('CERT_SIGNING_KEYS').then(parseSigningKeys);
  return signing;
}

/** The public keys (verifying functions and the JWKS route). */
export function verifyKeys(): Promise<SigningKeys> {
  verifying ??= secretValue('CERT_VERIFY_KEYS').then(parseSigningKeys);
  return verifying;
}

/** Where a QR code points: the public verification page for the token. */
export function verifyUrl(token: string): string {
  const base = (process.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  return `${base}/v/${token}`;
}
