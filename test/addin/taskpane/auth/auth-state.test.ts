import { canCallApi, canSync, initialState, reduce, type Action, type PaneState } from '../../../../addin/taskpane/state';

const run = (s: PaneState, ...actions: Action[]) => actions.reduce(reduce, s);
const user = { name: '王小红', username: 'w@x.cn' };

describe('pane state: sign-in', () => {
  it('locally there is no sign-in: sync is allowed and sign-in actions change nothing', () => {
    const office = initialState('office', 'zh');
    expect(office.auth).toEqual({ flow: 'local', status: 'signedOut', user: null });
    expect(canCallApi(office)).toBe(true);
    expect(canSync(office)).toBe(true);
    expect(run(office, { type: 'signingIn' }, { type: 'signedIn', user }, { type: 'signedOut' })).toBe(office);
  });

  it('in the cloud, sync waits for sign-in; a redirect under way stays "signing in"', () => {
    const cloud = run(initialState('office', 'zh'), { type: 'authFlow', flow: 'naa' });
    expect(canSync(cloud)).toBe(false);
    const redirecting = run(cloud, { type: 'signingIn' }, { type: 'signedIn', user: null });
    expect(redirecting.auth.status).toBe('signingIn');
    const signedIn = run(cloud, { type: 'signingIn' }, { type: 'signedIn', user });
    expect(signedIn.auth).toEqual({ flow: 'naa', status: 'signedIn', user });
    expect(canSync(signedIn)).toBe(true);
    // File mode also needs a file.
    const file = run(initialState('file', 'zh'), { type: 'authFlow', flow: 'redirect' }, { type: 'signedIn', user });
    expect(canSync(file)).toBe(false);
    expect(canSync(reduce(file, { type: 'fileOpened', name: 'a.xlsx' }))).toBe(true);
  });

  it('signing out forgets the user and their permissions, and can carry the reason', () => {
    const signedIn = run(initialState('office', 'zh'), { type: 'authFlow', flow: 'dialog' }, { type: 'signedIn', user }, { type: 'meLoading' });
    expect(signedIn.me).toBe('loading');
    const out = reduce(signedIn, { type: 'signedOut', problem: { key: 'errSignInRequired' } });
    expect(out).toMatchObject({ auth: { status: 'signedOut', user: null }, me: null, problem: { key: 'errSignInRequired' } });
    expect(canSync(out)).toBe(false);
  });

  it('an unsupported host can never sync', () => {
    const s = run(initialState('office', 'zh'), { type: 'authFlow', flow: 'unsupported' });
    expect(canCallApi(s)).toBe(false);
    expect(canSync(s)).toBe(false);
  });
});
