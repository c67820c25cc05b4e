/**
 * Sign-in's Office call from inside the dialog (auth-dialog.html): messageParent sends the result to the task
 * pane. Kept apart from dialog.ts so the dialog page does not carry the pane's side and vice versa.
 */
interface OfficeReplyGlobal {
  context?: { ui?: { messageParent?(message: string, options?: { targetOrigin?: string }): void } };
}

/** Sends `message` to the task pane (same origin); false when not inside an Office dialog. */
export function messageParent(message: string, g: unknown = globalThis): boolean {
  const ui = (g as { Office?: OfficeReplyGlobal }).Office?.context?.ui;
  if (!ui?.messageParent) return false;
  ui.messageParent(message);
  return true;
}
