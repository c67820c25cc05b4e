/**
 * Sign-in's Office calls from the task pane's side: the capability checks (NestedAppAuth, DialogApi) and the Office
 * dialog that runs the sign-in page where nested app auth is missing. Office is read from the global at call time
 * and typed loosely, so this module loads (and is unit-tested) without Office.js.
 */
interface AsyncResult<T> {
  status: string;
  value: T;
  error?: { code: number; message: string };
}
interface DialogLike {
  addEventHandler(type: string, handler: (arg: { message?: string; origin?: string; error?: number }) => void): void;
  close(): void;
}
interface OfficeDialogGlobal {
  context?: {
    requirements?: { isSetSupported?(name: string, version?: string): boolean };
    ui?: { displayDialogAsync?(url: string, options: Record<string, unknown>, callback: (r: AsyncResult<DialogLike>) => void): void };
  };
}

const office = (g: unknown = globalThis): OfficeDialogGlobal | undefined => (g as { Office?: OfficeDialogGlobal }).Office;

/** What the host offers for sign-in (the task pane's AuthCapabilities). */
export interface OfficeSignInCapabilities {
  /** NestedAppAuth 1.1: MSAL's nested app authentication. */
  naa: boolean;
  /** DialogApi 1.1 with displayDialogAsync present. */
  dialog: boolean;
}

export function officeCapabilities(g?: unknown): OfficeSignInCapabilities {
  const o = office(g);
  const supported = (name: string, version: string): boolean => {
    try {
      return o?.context?.requirements?.isSetSupported?.(name, version) === true;
    } catch {
      return false; // some hosts throw before Office.onReady
    }
  };
  return { naa: supported('NestedAppAuth', '1.1'), dialog: typeof o?.context?.ui?.displayDialogAsync === 'function' && supported('DialogApi', '1.1') };
}

/** Office dialog codes: 12006 = the user closed the dialog. */
export const DIALOG_CLOSED = 12006;
/** Our own code when the dialog API is missing altogether (Office's codes are all 12xxx). */
export const DIALOG_UNAVAILABLE = 0;

export class DialogError extends Error {
  constructor(
    readonly code: number,
    detail: string,
  ) {
    super(detail);
    this.name = code === DIALOG_CLOSED ? 'DialogClosedError' : 'DialogError';
  }
}

/**
 * Opens `url` in an Office dialog and resolves with the first message it sends (then closes it). Rejects
 * when the dialog cannot open (e.g. 12009 blocked by the user, 12007 one already open) or is closed.
 */
export function openDialog(url: string, g?: unknown): Promise<string> {
  const ui = office(g)?.context?.ui;
  return new Promise((resolve, reject) => {
    if (!ui?.displayDialogAsync) return reject(new DialogError(DIALOG_UNAVAILABLE, 'Office dialog API is not available'));
    ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (r) => {
      if (r.status !== 'succeeded') return reject(new DialogError(r.error?.code ?? 0, r.error?.message ?? 'dialog failed'));
      const dialog = r.value;
      dialog.addEventHandler('dialogMessageReceived', (arg) => {
        dialog.close();
        resolve(String(arg.message ?? ''));
      });
      dialog.addEventHandler('dialogEventReceived', (arg) => reject(new DialogError(arg.error ?? 0, `dialog event ${arg.error}`)));
    });
  });
}
