/**
 * The only module that loads @azure/msal-browser at run time. The task pane imports it dynamically, in cloud
 * mode only, so local use and the first paint never pay for MSAL; the sign-in dialog page imports it directly.
 */
import { createNestablePublicClientApplication, createStandardPublicClientApplication, type Configuration } from '@azure/msal-browser';
import type { CloudConfig } from './runtime-config';
import { msalSession, type AuthSession, type MsalClient } from './session';

export function msalConfiguration(config: CloudConfig, redirectUri: string): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // Listing the authority's host skips instance discovery (a call to login.microsoftonline.com that a
      // China-cloud or non-Microsoft authority would not answer).
      knownAuthorities: config.knownAuthorities,
      redirectUri,
      postLogoutRedirectUri: redirectUri,
    },
    // localStorage: the clerk stays signed in across task pane reloads and browser tabs (refresh token).
    cache: { cacheLocation: 'localStorage' },
    system: { protocolMode: config.protocolMode },
  };
}

/** The page's own address without query or fragment: the redirect URI registered for the app. */
export function pageUri(loc: Pick<Location, 'origin' | 'pathname'> = location): string {
  return `${loc.origin}${loc.pathname}`;
}

export async function createMsalClient(config: CloudConfig, kind: 'naa' | 'standard', redirectUri = pageUri()): Promise<MsalClient> {
  const configuration = msalConfiguration(config, redirectUri);
  return kind === 'naa' ? createNestablePublicClientApplication(configuration) : createStandardPublicClientApplication(configuration);
}

export async function createMsalSession(config: CloudConfig, flow: 'naa' | 'redirect'): Promise<AuthSession> {
  const pca = await createMsalClient(config, flow === 'naa' ? 'naa' : 'standard');
  return msalSession(pca, { flow, scopes: config.scopes, postLogoutRedirectUri: pageUri() });
}
