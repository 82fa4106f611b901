import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';

/*
 * The QR code on a certificate holds a compact JWS (EdDSA / Ed25519) naming the certificate.
 * The payload is only the number, to keep the QR code small; status is always read live.
 * Verifiers can check a printed code offline against GET /public/keys (a JWKS).
 */
export interface SigningKeys {
  /** Private JWKs, newest first: the first signs, all verify (rotation without breaking old prints). */
  keys: (JWK & { kid: string })[];
}

export function parseSigningKeys(json: string): SigningKeys {
  const parsed = JSON.parse(json) as SigningKeys;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0 || parsed.keys.some((k) => k.crv !== 'Ed25519' || !k.kid)) {
    throw new Error('CERT_SIGNING_KEYS must be a JWK set of Ed25519 keys with kids');
  }
  return parsed;
}

export function publicJwks(keys: SigningKeys): { keys: JWK[] } {
  return { keys: keys.keys.map(({ kty, crv, x, kid }) => ({ kty, crv, x, kid, alg: 'EdDSA', use: 'sig' })) };
}

export async function signVerificationToken(number: string, keys: SigningKeys): Promise<string> {
  const current = keys.keys[0]!;
  const key = await importJWK(current, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ n: number })))
    .setProtectedHeader({ alg: 'EdDSA', kid: current.kid, typ: 'tsp-cert+jws' })
    .sign(key);
}

/** The certificate number a genuine token names, or undefined for anything forged or malformed. */
export async function readVerificationToken(token: string, keys: SigningKeys): Promise<string | undefined> {
  if (token.length > 512 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return undefined;
  try {
    const { payload } = await compactVerify(token, async (header) => {
      const jwk = keys.keys.find((k) => k.kid === header.kid);
      if (!jwk || header.alg !== 'EdDSA') throw new Error('unknown key');
      const { d: _private, ...publicJwk } = jwk;
      return importJWK(publicJwk, 'EdDSA');
    });
    const { n } = JSON.parse(new TextDecoder().decode(payload)) as { n?: unknown };
    return typeof n === 'string' ? n : undefined;
  } catch {
    return undefined;
  }
}
