import { chooseFlow } from '../../../../addin/taskpane/auth/flow';
import type { CloudConfig } from '../../../../addin/taskpane/auth/runtime-config';

const cloud: CloudConfig = {
  kind: 'cloud',
  apiBaseUrl: 'https://api.example',
  authority: 'https://login.microsoftonline.com/t',
  clientId: 'c',
  scopes: ['api://x/access_as_user'],
  knownAuthorities: ['login.microsoftonline.com'],
  protocolMode: 'AAD',
};

describe('sign-in flow decision', () => {
  it.each([
    // config, host mode, NAA, dialog API → flow
    ['local', 'office', true, true, 'local'],
    ['local', 'file', false, false, 'local'],
    ['cloud', 'office', true, true, 'naa'],
    ['cloud', 'office', true, false, 'naa'],
    ['cloud', 'office', false, true, 'dialog'],
    ['cloud', 'office', false, false, 'unsupported'],
    ['cloud', 'file', false, false, 'redirect'],
    // A browser never uses NAA or the dialog, even if office.js is loaded and claims them.
    ['cloud', 'file', true, true, 'redirect'],
  ] as const)('%s config, %s host, NAA %s, dialog %s → %s', (kind, mode, naa, dialog, flow) => {
    expect(chooseFlow(kind === 'local' ? { kind } : cloud, mode, { naa, dialog })).toBe(flow);
  });
});
