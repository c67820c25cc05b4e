/**
 * Dev tokens of the embedded stack: HS256 JWTs signed with a secret kept in the data folder (so tokens
 * survive a restart), checked the way API Gateway's JWT authorizer checks Entra ID tokens (issuer, audience,
 * expiry). Local-only code: the cloud never sees these.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';

export const DEV_ISSUER = 'invest-flags-local';
export const DEV_AUDIENCE = 'invest-flags';
const SECRET_FILE = 'dev-token-secret';

export interface DevUser {
  sub: string;
  email?: string;
  name?: string;
}

/** The secret kept in `dataDir` (created on first run), or a fresh one when there is no data folder. */
export async function loadSecret(dataDir: string | undefined): Promise<Uint8Array> {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, SECRET_FILE);
  try {
    const hex = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const secret = randomBytes(32);
  await writeFile(file, secret.toString('hex'), { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

export class DevTokens {
  constructor(private readonly secret: Uint8Array) {}

  issue(user: DevUser, opts: { expiresIn?: string } = {}): Promise<string> {
    const { sub, ...rest } = user;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '12h')
      .sign(this.secret);
  }

  /** The token's claims; throws when it is malformed, forged, expired or meant for someone else. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.secret, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] });
    return payload;
  }
}
