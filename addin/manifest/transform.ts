/**
 * Turns the development manifest (every URL under https://localhost:3000) into a production manifest for a
 * deployed base URL, and fills the Entra ID client id into WebApplicationInfo. Pure string → string; nothing else
 * changes (Id and Version stay as committed).
 */
export const DEV_BASE_URL = 'https://localhost:3000';
/** The all-zero GUID manifest.xml carries until a real app registration exists. */
export const CLIENT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ManifestBuildError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ManifestBuildError';
  }
}

/** An https origin with an optional path, no trailing slash, no query or fragment. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ManifestBuildError(`基础地址不是有效的网址：${baseUrl}`, `base URL is not a valid URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:') {
    throw new ManifestBuildError(`基础地址必须使用 https：${baseUrl}`, `base URL must use https: ${baseUrl}`);
  }
  if (baseUrl.endsWith('/') || url.search || url.hash || url.username || url.password) {
    throw new ManifestBuildError(
      `基础地址不能以“/”结尾，也不能带查询串、片段或用户名：${baseUrl}`,
      `base URL must not end with "/" nor carry a query, fragment or credentials: ${baseUrl}`,
    );
  }
  return baseUrl;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface ManifestOptions {
  /** Entra ID application (client) id, a GUID; fills WebApplicationInfo Id and Resource. */
  clientId?: string;
  /** Help page; defaults to <baseUrl>/help.html. */
  supportUrl?: string;
}

/** The development manifest text → the production manifest text. */
export function transformManifest(devXml: string, baseUrl: string, opts?: ManifestOptions): string {
  const base = checkBaseUrl(baseUrl);
  if (!devXml.includes(DEV_BASE_URL)) {
    throw new ManifestBuildError(
      `开发清单中没有 ${DEV_BASE_URL}，无法生成正式清单`,
      `the development manifest has no ${DEV_BASE_URL} to replace`,
    );
  }
  // The dev manifest's comments describe the dev setup; the production file says where it came from instead.
  let xml = devXml
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/^(<\?xml[^>]*\?>\s*)/, '$1<!-- Generated from manifest.xml by addin/manifest/cli.ts; do not edit. -->\n');
  if (opts?.supportUrl !== undefined) {
    if (!URL.canParse(opts.supportUrl) || new URL(opts.supportUrl).protocol !== 'https:') {
      throw new ManifestBuildError(
        `帮助地址必须是 https 网址：${opts.supportUrl}`,
        `the support URL must be an https URL: ${opts.supportUrl}`,
      );
    }
    // The SupportUrl element and the Support.Url resource both point at the help page.
    const dev = `${DEV_BASE_URL}/help.html`;
    xml = xml.split(`"${dev}"`).join(`"${escapeXml(opts.supportUrl)}"`);
  }
  // AppDomains hold origins, even when the add-in is served under a path.
  xml = xml.split(`<AppDomain>${DEV_BASE_URL}</AppDomain>`).join(`<AppDomain>${new URL(base).origin}</AppDomain>`);
  // The SSO resource is api://<host>/<client-id>: the dev host there becomes the production host.
  const host = new URL(base).host;
  xml = xml.split('api://localhost:3000/').join(`api://${host}/`);
  xml = xml.split(DEV_BASE_URL).join(escapeXml(base));
  if (opts?.clientId !== undefined) {
    if (!GUID.test(opts.clientId)) {
      throw new ManifestBuildError(
        `Entra 应用（客户端）ID 必须是 GUID：${opts.clientId}`,
        `the Entra application (client) id must be a GUID: ${opts.clientId}`,
      );
    }
    xml = xml.split(CLIENT_ID_PLACEHOLDER).join(opts.clientId.toLowerCase());
  }
  return xml;
}
