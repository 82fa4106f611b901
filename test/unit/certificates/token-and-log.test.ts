import { beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, createLocalJWKSet } from 'jose';
import { generateSecretValues } from '../../../infra/secret-values';
import { parseSigningKeys, publicJwks, readVerificationToken, signVerificationToken, type SigningKeys } from '../../../functions/certificates/core/verification-token';
import { VERIFICATION_AUDIT, verificationsFromLogLines } from '../../../functions/certificates/core/verification-log';
import { certSigningKeysSecret, certVerifyKeysSecret } from '../../../functions/certificates/secrets';

let signing: SigningKeys;
let verifying: SigningKeys;
let otherVerifying: SigningKeys;

beforeAll(async () => {
  const values = await generateSecretValues([certSigningKeysSecret, certVerifyKeysSecret]);
  signing = parseSigningKeys(values.CERT_SIGNING_KEYS!);
  verifying = parseSigningKeys(values.CERT_VERIFY_KEYS!);
  otherVerifying = parseSigningKeys((await generateSecretValues([certVerifyKeysSecret])).CERT_VERIFY_KEYS!);
});

describe('QR verification tokens (Ed25519 compact JWS)', () => {
  it('name the certificate and verify with the public keys only', async () => {
    const token = await signVerificationToken('ZC310000202600012346', signing);
    expect(await readVerificationToken(token, verifying)).toBe('ZC310000202600012346');
    expect(verifying.keys[0]).not.toHaveProperty('d');
  });

  it('can be checked offline against the published JWKS, as an outside verifier would', async () => {
    const token = await signVerificationToken('ZC310000202600012346', signing);
    const { payload } = await compactVerify(token, createLocalJWKSet(publicJwks(verifying) as never));
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ n: 'ZC310000202600012346' });
  });

  it('refuse tampering, unknown keys and garbage', async () => {
    const token = await signVerificationToken('ZC310000202600012346', signing);
    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ n: 'ZC310000202600099990' })).toString('base64url');
    expect(await readVerificationToken(`${header}.${forgedPayload}.${signature}`, verifying)).toBeUndefined();
    expect(await readVerificationToken(token, otherVerifying)).toBeUndefined();
    expect(await readVerificationToken('not-a-token', verifying)).toBeUndefined();
    expect(await readVerificationToken('a.b.c'.repeat(200), verifying)).toBeUndefined();
  });
});

describe('verification audit lines', () => {
  it('are picked out of log output, and nothing else is', () => {
    const record = { id: 'v1', number: 'ZC310000202600012346', at: '2026-06-01T00:00:00.000Z', method: 'qr', verifier: 'anonymous' };
    const lines = [
      JSON.stringify({ level: 'INFO', message: 'certificate verified', audit: VERIFICATION_AUDIT, verification: record }),
      `2026-06-01T00:00:00Z\tabc\tINFO\t${JSON.stringify({ audit: VERIFICATION_AUDIT, verification: { ...record, id: 'v2' } })}`,
      JSON.stringify({ level: 'INFO', message: 'other', audit: 'something.else', verification: record }),
      'plain text line',
      '{ broken json',
    ];
    expect(verificationsFromLogLines(lines).map((r) => r.id)).toEqual(['v1', 'v2']);
  });
});
