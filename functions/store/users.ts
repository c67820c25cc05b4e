/** User profiles (PK=USER#<subject> or USER#email:<e-mail>, keys.ts userPk*, SK=PROFILE; all in the USERS partition of GSI2). */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UserProfile } from '../../contract';
import type { FoundUser, UserLookup } from '../app/ports';
import { normalEmail } from '../domain/normalize';
import { batchGet, batchWrite } from './batch';
import { PROFILE_SK, stripKeys, userPkByEmail, userPkBySubject, USERS_GSI2PK } from './keys';
import { isConditionFailure, type TableIO } from './table-io';

/** Where a profile lives: under its subject once known, else under its e-mail. */
function userPk(p: UserProfile): string {
  if (p.subject) return userPkBySubject(p.subject);
  if (p.email) return userPkByEmail(p.email);
  throw new Error('saveUser: a profile needs a subject or an e-mail');
}

export class UserRecords {
  constructor(private readonly io: TableIO) {}

  async findUser(lookup: UserLookup): Promise<FoundUser | null> {
    const bySubject = lookup.subjects.map(userPkBySubject);
    const byEmail = lookup.email ? userPkByEmail(lookup.email) : undefined;
    const pks = [...bySubject, ...(byEmail ? [byEmail] : [])];
    if (pks.length === 0) return null;
    const found = await batchGet(this.io.doc, this.io.table, pks.map((PK) => ({ PK, SK: PROFILE_SK })), this.io.retry);
    const byPk = new Map(found.map((i) => [i.PK as string, i]));
    for (const pk of bySubject) {
      const item = byPk.get(pk);
      if (item) return { profile: stripKeys<UserProfile>(item), by: 'subject' };
    }
    const item = byEmail ? byPk.get(byEmail) : undefined;
    // An e-mail profile bound to another account (its move not finished) is that account's, not this caller's.
    if (!item || (typeof item.subject === 'string' && !lookup.subjects.includes(item.subject))) return null;
    return { profile: stripKeys<UserProfile>(item), by: 'email' };
  }

  async bindUser(profile: UserProfile, subject: string): Promise<UserProfile | null> {
    if (!profile.email) throw new Error('bindUser: the profile has no e-mail');
    try {
      // The lock: the e-mail profile takes the subject once; a second account with the same e-mail finds it taken.
      await this.io.doc.send(
        new UpdateCommand({
          TableName: this.io.table,
          Key: { PK: userPkByEmail(profile.email), SK: PROFILE_SK },
          UpdateExpression: 'SET #s = :s',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#s) OR #s = :s)',
          ExpressionAttributeNames: { '#s': 'subject' },
          ExpressionAttributeValues: { ':s': subject },
        }),
      );
      this.io.count(1, 1);
    } catch (e) {
      if (isConditionFailure(e)) return null;
      throw e;
    }
    const { subject: _unbound, ...rest } = profile;
    const bound: UserProfile = { ...rest, subject };
    await this.saveUser(bound, [rest]);
    return bound;
  }

  async listUsers(): Promise<UserProfile[]> {
    return this.io.gsi2Partition<UserProfile>(USERS_GSI2PK);
  }

  async saveUser(profile: UserProfile, replaced: readonly UserProfile[] = []): Promise<void> {
    const PK = userPk(profile);
    const clean: UserProfile = { ...profile, ...(profile.email ? { email: normalEmail(profile.email) } : {}) };
    const stale = [...new Set(replaced.map(userPk))].filter((pk) => pk !== PK).map((pk) => ({ PK: pk, SK: PROFILE_SK }));
    // Put first: should the delete fail, the user is listed twice rather than lost.
    await this.io.put({ PK, SK: PROFILE_SK, GSI2PK: USERS_GSI2PK, GSI2SK: PK, ...clean });
    if (stale.length) await batchWrite(this.io.doc, this.io.table, { deletes: stale }, this.io.count, this.io.retry);
  }
}
