import { MESSAGES, pickLang, t, type Lang } from '../../../addin/taskpane/i18n';

const langs: Lang[] = ['zh', 'en'];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both languages, non-empty', () => {
    const zhKeys = Object.keys(MESSAGES.zh).sort();
    const enKeys = Object.keys(MESSAGES.en).sort();
    expect(enKeys).toEqual(zhKeys);
    for (const lang of langs) for (const key of zhKeys) expect(MESSAGES[lang][key as keyof typeof MESSAGES.zh].trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES.zh) as Array<keyof typeof MESSAGES.zh>) {
      expect([key, placeholders(MESSAGES.en[key])]).toEqual([key, placeholders(MESSAGES.zh[key])]);
    }
  });

  it('writes Chinese text in zh (every zh string with words has a CJK character)', () => {
    for (const [key, text] of Object.entries(MESSAGES.zh)) {
      const words = text.replace(/\{\w+\}/g, '');
      if (!/[\p{L}]/u.test(words)) continue;
      expect([key, /[\u4e00-\u9fff]/.test(words)]).toEqual([key, true]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh', 'chunkProgress', { done: 2, total: 5 })).toBe('第 2/5 批');
    expect(t('en', 'chunkProgress', { done: 2, total: 5 })).toBe('Chunk 2 of 5');
    expect(t('en', 'chunkProgress', { done: 2 })).toBe('Chunk 2 of {total}');
  });

  it('chooses English only for an English display language', () => {
    expect(pickLang('en-US')).toBe('en');
    expect(pickLang('EN-gb')).toBe('en');
    expect(pickLang('zh-CN')).toBe('zh');
    expect(pickLang('fr-FR')).toBe('zh');
    expect(pickLang('')).toBe('zh');
    expect(pickLang(undefined)).toBe('zh');
  });
});
