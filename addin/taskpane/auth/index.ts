/**
 * Sign-in for the task pane, as the entry wires it: read the runtime configuration, choose the flow for this
 * host, create the session (loading MSAL only when the flow needs it) and the API access that adds the token.
 */
import type { HostMode } from '../model';
import { withBearer, type HttpFetch } from './bearer-fetch';
import { chooseFlow, type AuthCapabilities, type AuthFlow } from './flow';
import type { CloudConfig, RuntimeConfig } from './runtime-config';
import { dialogSession, type AuthSession } from './session';

export { loadRuntimeConfig, RuntimeConfigError, type RuntimeConfig, type CloudConfig } from './runtime-config';
export type { AuthFlow } from './flow';
export type { AuthSession, SignedInUser } from './session';
export { SignInError, SignInRequiredError } from './session';
export type { HttpFetch } from './bearer-fetch';
export { whoAmI, type Me, type WhoAmI } from './me';

/** How the API is reached in cloud mode: its base URL, and the transport that carries the bearer token. */
export interface ApiAccess {
  apiUrl: string;
  wrap(fetch: HttpFetch): HttpFetch;
  /** Gets a token before a sync starts, so a needed sign-in is reported as such (not as a network error). */
  ready(): Promise<void>;
}

export interface PaneAuth {
  flow: AuthFlow;
  session: AuthSession | null;
  access: ApiAccess | null;
}

export const AUTH_DIALOG_PAGE = 'auth-dialog.html';

export function apiAccess(config: CloudConfig, session: AuthSession): ApiAccess {
  return {
    apiUrl: config.apiBaseUrl,
    wrap: (fetch) => withBearer(fetch, session, config.apiBaseUrl),
    ready: async () => {
      await session.token();
    },
  };
}

/** Office's part of sign-in (addin/office/dialog.ts), injected by the entry in Office mode only. */
export interface OfficeAuthPorts {
  capabilities(): AuthCapabilities;
  /** Opens a URL in an Office dialog; resolves with its first message. */
  openDialog(url: string): Promise<string>;
}

export interface PaneAuthOptions {
  /** Office mode: the host's sign-in capabilities and dialog; without them Excel can only be 'unsupported'. */
  office?: OfficeAuthPorts;
  /** The task pane page's URL (auth-dialog.html is opened next to it). */
  pageUrl?: string;
}

export async function createPaneAuth(config: RuntimeConfig, mode: HostMode, opts: PaneAuthOptions = {}): Promise<PaneAuth> {
  const office = mode === 'office' ? opts.office : undefined;
  const can = office?.capabilities() ?? { naa: false, dialog: false };
  const flow = chooseFlow(config, mode, can);
  if (config.kind === 'local' || flow === 'local' || flow === 'unsupported') return { flow, session: null, access: null };
  const dialog = (): PaneAuth => {
    const session = dialogSession({ dialogUrl: new URL(AUTH_DIALOG_PAGE, opts.pageUrl ?? location.href).href, open: (url) => office!.openDialog(url) }); // 'dialog' needs can.dialog, i.e. office
    return { flow: 'dialog', session, access: apiAccess(config, session) };
  };
  if (flow === 'dialog') return dialog();
  try {
    const session = await (await import('./msal-client')).createMsalSession(config, flow);
    return { flow, session, access: apiAccess(config, session) };
  } catch (err) {
    // A host that claims NestedAppAuth but whose bridge does not answer still has the dialog.
    if (flow === 'naa' && can.dialog) return dialog();
    throw err;
  }
}
