/**
 * The only Office.* calls made for sign-in (host detection stays isolated): capability checks, the
 * sign-in dialog from the task pane's side, and messageParent from the dialog's side. Office is read from
 * the global at call time and typed loosely, so this module loads (and is unit-tested) without Office.js.
 */
import type { AuthCapabilities } from './flow';

interface AsyncResult<T> {
  status: string;
  value: T;
  error?: { code: number; message: string };
}
interface DialogLike {
  addEventHandler(type: string, handler: (arg: { message?: string; origin?: string; error?: number }) => void): void;
  close(): void;
}
interface OfficeAuthGlobal {
  context?: {
    requirements?: { isSetSupported?(name: string, version?: string): boolean };
    ui?: {
      displayDialogAsync?(url: string, options: Record<string, unknown>, callback: (r: AsyncResult<DialogLike>) => void): void;
      messageParent?(message: string, options?: { targetOrigin?: string }): void;
    };
  };
}

const office = (g: unknown = globalThis): OfficeAuthGlobal | undefined => (g as { Office?: OfficeAuthGlobal }).Office;

export function officeCapabilities(g?: unknown): AuthCapabilities {
  const o = office(g);
  const supported = (name: string, version: string): boolean => {
    try {
      return o?.context?.requirements?.isSetSupported?.(name, version) === true;
    } catch {
      return false;
    }
  };
  return { naa: supported('NestedAppAuth', '1.1'), dialog: typeof o?.context?.ui?.displayDialogAsync === 'function' && supported('DialogApi', '1.1') };
}

/** Office dialog event codes: 12006 = the user closed the dialog. */
const DIALOG_CLOSED = 12006;

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
    if (!ui?.displayDialogAsync) return reject(new DialogError(0, 'Office dialog API is not available'));
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

/** From inside the dialog: sends the result to the task pane (same origin). */
export function messageParent(message: string, g?: unknown): boolean {
  const ui = office(g)?.context?.ui;
  if (!ui?.messageParent) return false;
  ui.messageParent(message);
  return true;
}

/** Waits for Office.js in the dialog page (messageParent works only after onReady); false without Office. */
export async function officeReady(g?: unknown): Promise<boolean> {
  const o = office(g) as { onReady?: () => Promise<unknown> } | undefined;
  if (typeof o?.onReady !== 'function') return false;
  await o.onReady();
  return true;
}
