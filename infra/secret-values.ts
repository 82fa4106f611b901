import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { SecretDefinition } from '../shared/service/definitions';

/**
 * Fresh values for the platform's secrets, by environment name: used by the local runtime
 * (kept in .local/secrets.json) and by `npm run secrets` to provision a deployed stage.
 * The certificate signing keys are made as a pair: private set to sign, public set to verify.
 */
export async function generateSecretValues(definitions: SecretDefinition[]): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const names = new Set(definitions.map((d) => d.envName));
  for (const definition of definitions) {
    if (definition.generate === 'random') values[definition.envName] = randomBytes(48).toString('base64url');
  }
  if (names.has('CERT_SIGNING_KEYS') || names.has('CERT_VERIFY_KEYS')) {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = `cert-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
    values.CERT_SIGNING_KEYS = JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid }] });
    values.CERT_VERIFY_KEYS = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid }] });
  }
  const missing = [...names].filter((name) => !values[name]);
  if (missing.length) throw new Error(`No generator for secrets: ${missing.join(', ')}`);
  return values;
}
