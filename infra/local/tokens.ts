/**
 * Dev tokens of the embedded stack: HS256 JWTs signed with a secret kept in the data folder (so tokens
 * survive a restart), checked the way API Gateway's JWT authorizer checks Entra ID tokens (issuer, audience,
 * expiry, signature, and the `access_as_user` scope every cloud route requires). Local-only code: the cloud
 * never sees these.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { API_SCOPE } from '../api-scope';
import { privateDir } from './private-dir';

export const DEV_ISSUER = 'invest-flags-local';
export const DEV_AUDIENCE = 'invest-flags';
const SECRET_FILE = 'dev-token-secret';
/** How long a dev token lasts unless asked otherwise: a working day, so a leaked (printed) one soon expires. */
export const DEV_TOKEN_HOURS = 12;
/** DEV_TOKEN_HOURS as a jose duration. */
export const DEV_TOKEN_LIFETIME = `${DEV_TOKEN_HOURS}h`;

export interface DevUser {
  sub: string;
  email?: string;
  name?: string;
  /** Entra-style object id, for trying users registered by object id. */
  oid?: string;
  /** Space-separated scopes; `access_as_user` unless given (tests give others to see them refused). */
  scp?: string;
}

/** Scopes as API Gateway reads them: `scp` (Entra ID) or `scope`, space-separated. */
export function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scp ?? payload.scope;
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
}

/** The secret kept in `dataDir` (created on first run), or a fresh one when there is no data folder. */
export async function loadSecret(dataDir: string | undefined): Promise<Uint8Array> {
  if (!dataDir) return randomBytes(32);
  await privateDir(dataDir);
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
    return new SignJWT({ scp: API_SCOPE, ...rest })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? DEV_TOKEN_LIFETIME)
      .sign(this.secret);
  }

  /** The token's claims; throws when it is malformed, forged, expired or meant for someone else. */
  async verify(token: string): Promise<JWTPayload> {
    // exp and sub are required: a token without expiry would be valid forever, one without sub names nobody.
    const { payload } = await jwtVerify(token, this.secret, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
    if (!scopesOf(payload).includes(API_SCOPE)) throw new Error(`token lacks the ${API_SCOPE} scope`);
    return payload;
  }
}
