import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { ICON_SIZES, renderIcon } from '../../../addin/assets/icon-art';
import { decodePng } from '../../../addin/assets/png';
import { buildProductionManifest, DEV_MANIFEST_PATH } from '../../../addin/manifest/build';
import { CLIENT_ID_PLACEHOLDER, ManifestBuildError, transformManifest } from '../../../addin/manifest/transform';

const ROOT = join(__dirname, '..', '..', '..');
const DEV = readFileSync(DEV_MANIFEST_PATH, 'utf8');
const BASE = 'https://addin.example.gov.cn/flags';
const CLIENT_ID = '6b1c2d3e-4f50-4a61-8b72-9c83d4e5f607';
const PROD = buildProductionManifest(BASE, { clientId: CLIENT_ID });

const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]!);
const resids = (xml: string) => all(xml, /resid="([^"]+)"/g);
const resourceIds = (xml: string) => {
  const resources = xml.slice(xml.indexOf('<Resources>'), xml.indexOf('</Resources>'));
  return all(resources, /<bt:(?:Image|Url|String) id="([^"]+)"/g);
};
/** Every URL in an attribute or element text (comments left out). */
const urls = (xml: string) => all(xml.replace(/<!--[\s\S]*?-->/g, ''), /(?:"|>)([a-z]+:\/\/[^"<]+)/g).filter((u) => !u.startsWith('http://schemas.') && !u.startsWith('http://www.w3.org/') && !u.startsWith('api://'));

describe.each([
  ['development manifest', DEV, 'https://localhost:3000'],
  ['production manifest', PROD, BASE],
])('%s', (_name, xml, base) => {
  test('every resid is defined once in Resources, and every resource is used', () => {
    const defined = resourceIds(xml);
    expect(new Set(defined).size).toBe(defined.length);
    const used = new Set(resids(xml));
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const id of used) expect(defined).toContain(id);
    for (const id of defined) expect(used).toContain(id);
  });

  test('every URL is https and under the base URL (except the sign-in domain)', () => {
    const found = urls(xml);
    expect(found.length).toBeGreaterThan(10);
    for (const url of found) {
      expect(url).toMatch(/^https:\/\//);
      if (url !== 'https://login.microsoftonline.com') expect(url === base || url.startsWith(`${base}/`) || url === new URL(base).origin).toBe(true);
    }
  });

  test('every icon exists in addin/assets at the size the manifest declares', () => {
    const icons: Array<[string, number]> = [
      ...[...xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)].map((m) => {
        const def = new RegExp(`<bt:Image id="${m[2]}" DefaultValue="([^"]+)"`).exec(xml)!;
        return [def[1]!, Number(m[1])] as [string, number];
      }),
      [/<IconUrl DefaultValue="([^"]+)"/.exec(xml)![1]!, 32],
      [/<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)![1]!, 64],
    ];
    expect(new Set(icons.map(([, size]) => size))).toEqual(new Set([16, 32, 64, 80]));
    for (const [url, size] of icons) {
      expect(url.startsWith(`${base}/assets/`)).toBe(true);
      const file = join(ROOT, 'addin', url.slice(base.length + 1));
      expect(existsSync(file)).toBe(true);
      const png = decodePng(readFileSync(file));
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });
});

test('the development manifest opens the task pane from a Home-tab 同步 button, zh-CN with en-US overrides', () => {
  expect(DEV).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(DEV).toMatch(/<OfficeTab id="TabHome">/);
  expect(DEV).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(DEV).toContain('<bt:String id="SyncButton.Label" DefaultValue="同步">');
  expect(DEV).toContain('<Set Name="ExcelApi" MinVersion="1.9"/>');
  // Every localizable string has exactly one en-US override.
  const localized = all(DEV, /(DefaultValue="[^"]*">\s*<(?:bt:)?Override Locale="en-US" Value="[^"]+"\/>\s*<\/)/g);
  const withDefault = (DEV.match(/DefaultValue="/g) ?? []).length;
  expect(localized.length).toBe(withDefault);
});

describe('buildProductionManifest', () => {
  test('leaves no localhost and no placeholder, and fills WebApplicationInfo', () => {
    expect(PROD).not.toMatch(/localhost/);
    expect(PROD).not.toContain(CLIENT_ID_PLACEHOLDER);
    expect(PROD).toContain(`<Id>${CLIENT_ID}</Id>`);
    expect(PROD).toContain(`<Resource>api://addin.example.gov.cn/${CLIENT_ID}</Resource>`);
    expect(PROD).toContain('<AppDomain>https://addin.example.gov.cn</AppDomain>');
  });

  test('changes nothing but URLs, the client id and comments', () => {
    const strip = (xml: string) =>
      xml
        .replace(/<!--[\s\S]*?-->\s*/g, '')
        .replace(/https:\/\/[^"<]+|api:\/\/[^"<]+/g, 'URL')
        .replace(new RegExp(`${CLIENT_ID}|${CLIENT_ID_PLACEHOLDER}`, 'g'), 'GUID');
    expect(strip(PROD)).toBe(strip(DEV));
  });

  test('supportUrl replaces the help page everywhere', () => {
    const xml = buildProductionManifest(BASE, { supportUrl: 'https://zhaoshang.example.gov.cn/help?a=1&b=2' });
    expect(xml).toContain('<SupportUrl DefaultValue="https://zhaoshang.example.gov.cn/help?a=1&amp;b=2">');
    expect(xml).toContain('<bt:Url id="Support.Url" DefaultValue="https://zhaoshang.example.gov.cn/help?a=1&amp;b=2">');
    expect(xml).not.toContain('/help.html');
  });

  test.each([
    ['http://addin.example.gov.cn', 'https'],
    ['https://addin.example.gov.cn/', '“/”'],
    ['addin.example.gov.cn', '有效'],
    ['https://addin.example.gov.cn?x=1', '查询'],
  ])('rejects base URL %s with a bilingual message', (base, zhPart) => {
    expect(() => buildProductionManifest(base)).toThrow(ManifestBuildError);
    try {
      buildProductionManifest(base);
    } catch (error) {
      expect((error as ManifestBuildError).zh).toContain(zhPart);
      expect((error as ManifestBuildError).en).toContain(base);
    }
  });

  test('rejects a client id that is not a GUID, and a non-https support URL', () => {
    expect(() => buildProductionManifest(BASE, { clientId: 'my-app' })).toThrow(/GUID/);
    expect(() => buildProductionManifest(BASE, { supportUrl: 'http://x.cn' })).toThrow(/https/);
    expect(() => transformManifest('<OfficeApp/>', BASE)).toThrow(/localhost/);
  });

  test('office-addin-manifest reads the production manifest back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.xml');
    writeFileSync(file, PROD);
    const info = await OfficeAddinManifest.readManifestFile(file);
    expect(info.id).toBe('f3087dd9-5a24-4de3-ad6c-80bf6d0cc3e1');
    expect(info.displayName).toBe('招商红黄旗');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.defaultSettings?.sourceLocation).toBe(`${BASE}/taskpane.html?host=office`);
    expect(info.iconUrl).toBe(`${BASE}/assets/icon-32.png`);
    expect(info.appDomains).toContain('https://addin.example.gov.cn');
  });
});

test('the committed icons are exactly what make-icons draws', () => {
  for (const size of ICON_SIZES) {
    const png = decodePng(readFileSync(join(ROOT, 'addin', 'assets', `icon-${size}.png`)));
    expect(png.width).toBe(size);
    expect(Buffer.from(png.rgba!).equals(Buffer.from(renderIcon(size)))).toBe(true);
  }
});
