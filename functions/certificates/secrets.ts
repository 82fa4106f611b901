import type { SecretDefinition } from '../../shared/service/definitions';

/** Private Ed25519 keys (a JWK set, newest first) that sign the QR verification tokens. */
export const certSigningKeysSecret: SecretDefinition = {
  id: 'cert-signing-keys',
  envName: 'CERT_SIGNING_KEYS',
  description: 'Ed25519 JWK set (private) signing certificate QR tokens; provisioned by `npm run secrets`.',
  generate: 'provisioned',
};

/** The public half of the same keys, for functions that only verify and for GET /public/keys. */
export const certVerifyKeysSecret: SecretDefinition = {
  id: 'cert-verify-keys',
  envName: 'CERT_VERIFY_KEYS',
  description: 'Ed25519 JWK set (public) checking certificate QR tokens; provisioned by `npm run secrets`.',
  generate: 'provisioned',
};
