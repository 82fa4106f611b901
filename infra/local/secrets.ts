import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { SERVICES } from '../../functions/services';
import { generateSecretValues } from '../secret-values';
import { localPath } from './paths';

/*
 * Local-only secrets, generated on first use and kept in the git-ignored .local/ folder:
 * the key that signs local bearer tokens and the key of the resident-ID hash.
 * In AWS, tokens come from Cognito and the hash key from Secrets Manager.
 */

function readOrCreate(file: string, create: () => Promise<string>): Promise<string> {
  const path = localPath(file);
  if (existsSync(path)) return Promise.resolve(readFileSync(path, 'utf8'));
  return create().then((content) => {
    // Exclusive create: when two callers race on a fresh .local/ (tokens minted at once), the
    // first file written wins and the other reads it, so there is only ever one key.
    try {
      writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
      return content;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return readFileSync(path, 'utf8');
    }
  });
}

/** Every platform secret (PII hash key, certificate signing keys), generated once per .local/. */
export async function localSecretValues(): Promise<Record<string, string>> {
  const text = await readOrCreate('secrets.json', async () => JSON.stringify(await generateSecretValues(SERVICES.flatMap((s) => s.secrets ?? []))));
  return JSON.parse(text) as Record<string, string>;
}

export async function localPiiHashKey(): Promise<string> {
  return (await localSecretValues()).PII_HASH_KEY!;
}

export const LOCAL_ISSUER = 'https://idp.local.talent-services/';
export const LOCAL_AUDIENCE = 'talent-services-local';

async function signingJwk(): Promise<JWK> {
  const text = await readOrCreate('jwt-signing-key.json', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    return JSON.stringify({ ...(await exportJWK(privateKey)), kid: `local-${Date.now()}`, alg: 'ES256' });
  });
  return JSON.parse(text) as JWK;
}

export async function localSigningKey() {
  const jwk = await signingJwk();
  return { key: await importJWK(jwk, 'ES256'), kid: jwk.kid! };
}

export async function localPublicJwk(): Promise<JWK> {
  const { d: _private, ...publicJwk } = await signingJwk();
  return publicJwk;
}

export async function localVerificationKey() {
  return importJWK(await localPublicJwk(), 'ES256');
}
