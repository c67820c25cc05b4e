import { chooseFlow } from '../../../../addin/taskpane/auth/flow';
import { officeCapabilities } from '../../../../addin/taskpane/auth/office-auth';
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

describe('Office capabilities for sign-in', () => {
  const office = (sets: Record<string, string>, dialog = true) => ({
    Office: {
      context: {
        requirements: { isSetSupported: (name: string, version?: string) => name in sets && Number(sets[name]) >= Number(version ?? '1') },
        ui: dialog ? { displayDialogAsync: () => undefined } : {},
      },
    },
  });

  it('asks for NestedAppAuth 1.1 and DialogApi 1.1', () => {
    expect(officeCapabilities(office({ NestedAppAuth: '1.1', DialogApi: '1.1' }))).toEqual({ naa: true, dialog: true });
    expect(officeCapabilities(office({ NestedAppAuth: '1.0', DialogApi: '1.2' }))).toEqual({ naa: false, dialog: true });
    expect(officeCapabilities(office({ DialogApi: '1.1' }, false))).toEqual({ naa: false, dialog: false });
  });

  it('is nothing without Office.js, or when isSetSupported throws', () => {
    expect(officeCapabilities({})).toEqual({ naa: false, dialog: false });
    const throwing = { Office: { context: { requirements: { isSetSupported: () => { throw new Error('not ready'); } }, ui: { displayDialogAsync: () => undefined } } } };
    expect(officeCapabilities(throwing)).toEqual({ naa: false, dialog: false });
  });
});
