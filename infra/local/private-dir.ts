/**
 * The data folder is private (DESIGN §8): its database (`dynamodb/`) and the dev-token secret are readable by the
 * user who runs the stack only. Created 0700, and an existing folder (made by an older version 0755, or by hand)
 * is narrowed to 0700 on every start. On Windows, where modes mean little, the user's profile folder keeps it private.
 */
import { chmod, mkdir } from 'node:fs/promises';

export const PRIVATE_DIR_MODE = 0o700;

export async function privateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(path, PRIVATE_DIR_MODE);
}
