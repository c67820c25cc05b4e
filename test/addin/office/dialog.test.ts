/** Sign-in's Office calls (addin/office/dialog.ts, dialog-reply.ts) over stand-in Office globals. */
import { DIALOG_CLOSED, DialogError, officeCapabilities, openDialog } from '../../../addin/office/dialog';
import { messageParent } from '../../../addin/office/dialog-reply';
import { officeReady } from '../../../addin/office/ready';

type Handler = (arg: { message?: string; error?: number }) => void;

function fakeOffice(result: { status: string; error?: { code: number; message: string } }) {
  const handlers: Record<string, Handler> = {};
  const opened: Array<{ url: string; options: Record<string, unknown> }> = [];
  let closed = 0;
  const dialog = { addEventHandler: (type: string, h: Handler) => void (handlers[type] = h), close: () => void closed++ };
  const g = {
    Office: {
      context: {
        ui: {
          displayDialogAsync: (url: string, options: Record<string, unknown>, cb: (r: unknown) => void) => {
            opened.push({ url, options });
            cb({ ...result, value: dialog });
          },
        },
      },
    },
  };
  return { g, handlers, opened, closed: () => closed };
}

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

describe('Office dialog for sign-in', () => {
  it('resolves with the dialog’s first message and closes it', async () => {
    const o = fakeOffice({ status: 'succeeded' });
    const got = openDialog('https://pane.example/auth-dialog.html?action=signin', o.g);
    o.handlers.dialogMessageReceived!({ message: '{"type":"signedOut"}' });
    await expect(got).resolves.toBe('{"type":"signedOut"}');
    expect(o.closed()).toBe(1);
    expect(o.opened).toEqual([{ url: 'https://pane.example/auth-dialog.html?action=signin', options: { height: 60, width: 30, promptBeforeOpen: false } }]);
  });

  it('rejects with Office’s code when the dialog cannot open, is closed, or the dialog API is missing', async () => {
    const blocked = fakeOffice({ status: 'failed', error: { code: 12009, message: 'The user chose to ignore the dialog box.' } });
    await expect(openDialog('https://x/a.html', blocked.g)).rejects.toEqual(new DialogError(12009, 'The user chose to ignore the dialog box.'));
    const o = fakeOffice({ status: 'succeeded' });
    const got = openDialog('https://x/a.html', o.g);
    o.handlers.dialogEventReceived!({ error: DIALOG_CLOSED });
    await expect(got).rejects.toMatchObject({ name: 'DialogClosedError', code: 12006, message: 'dialog event 12006' });
    await expect(openDialog('https://x/a.html', {})).rejects.toMatchObject({ name: 'DialogError', code: 0, message: 'Office dialog API is not available' });
  });

  it('messages the parent only inside Office, after Office.onReady', async () => {
    const sent: string[] = [];
    let ready = false;
    const g = { Office: { onReady: async () => ((ready = true), { host: 'Excel' }), context: { ui: { messageParent: (m: string) => void sent.push(m) } } } };
    await expect(officeReady(g)).resolves.toEqual({ host: 'Excel', displayLanguage: null });
    expect(ready).toBe(true);
    expect(messageParent('hi', g)).toBe(true);
    expect(sent).toEqual(['hi']);
    expect(messageParent('hi', {})).toBe(false);
    await expect(officeReady({})).resolves.toBeNull();
  });
});
