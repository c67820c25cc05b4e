import * as path from 'node:path';

/** Repository root: handler entries, the lockfile and the default task pane build are found from here. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
