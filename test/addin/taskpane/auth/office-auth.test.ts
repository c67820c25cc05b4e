import { DialogError, messageParent, officeReady, openDialog } from '../../../../addin/taskpane/auth/office-auth';

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

describe('Office dialog for sign-in', () => {
  it('resolves with the dialog’s first message and closes it', async () => {
    const o = fakeOffice({ status: 'succeeded' });
    const got = openDialog('https://pane.example/auth-dialog.html?action=signin', o.g);
    o.handlers.dialogMessageReceived!({ message: '{"type":"signedOut"}' });
    await expect(got).resolves.toBe('{"type":"signedOut"}');
    expect(o.closed()).toBe(1);
    expect(o.opened[0]!.url).toBe('https://pane.example/auth-dialog.html?action=signin');
  });

  it('rejects when the dialog cannot open or the clerk closes it', async () => {
    const blocked = fakeOffice({ status: 'failed', error: { code: 12009, message: 'The user chose to ignore the dialog box.' } });
    await expect(openDialog('https://x/a.html', blocked.g)).rejects.toEqual(new DialogError(12009, 'The user chose to ignore the dialog box.'));
    const o = fakeOffice({ status: 'succeeded' });
    const got = openDialog('https://x/a.html', o.g);
    o.handlers.dialogEventReceived!({ error: 12006 });
    await expect(got).rejects.toMatchObject({ name: 'DialogClosedError', code: 12006 });
    await expect(openDialog('https://x/a.html', {})).rejects.toBeInstanceOf(DialogError);
  });

  it('messages the parent only inside Office, after Office.onReady', async () => {
    const sent: string[] = [];
    let ready = false;
    const g = { Office: { onReady: async () => void (ready = true), context: { ui: { messageParent: (m: string) => void sent.push(m) } } } };
    await expect(officeReady(g)).resolves.toBe(true);
    expect(ready).toBe(true);
    expect(messageParent('hi', g)).toBe(true);
    expect(sent).toEqual(['hi']);
    expect(messageParent('hi', {})).toBe(false);
    await expect(officeReady({})).resolves.toBe(false);
  });
});
