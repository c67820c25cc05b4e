/**
 * Which sign-in flow the pane uses — pure, so the decision table is unit-tested:
 *  - no deployment.json (local stack): the local dev token, no sign-in step;
 *  - Excel with NestedAppAuth 1.1: MSAL's nested app authentication (the host signs in for us);
 *  - Excel without it: MSAL's redirect flow inside an Office dialog (auth-dialog.html), token messaged back;
 *  - a plain browser (file mode): MSAL's redirect flow in the page itself.
 */
import type { HostMode } from '../model';
import type { RuntimeConfig } from './runtime-config';

export type AuthFlow = 'local' | 'naa' | 'dialog' | 'redirect' | 'unsupported';

export interface AuthCapabilities {
  /** Office.context.requirements.isSetSupported('NestedAppAuth', '1.1'). */
  naa: boolean;
  /** Office.context.ui.displayDialogAsync is available (DialogApi 1.1). */
  dialog: boolean;
}

export function chooseFlow(config: RuntimeConfig, mode: HostMode, can: AuthCapabilities): AuthFlow {
  if (config.kind === 'local') return 'local';
  if (mode === 'file') return 'redirect';
  if (can.naa) return 'naa';
  // A redirect inside the task pane's frame is refused by the sign-in page, so Excel needs one of the two.
  return can.dialog ? 'dialog' : 'unsupported';
}
