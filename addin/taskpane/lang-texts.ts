/**
 * Texts that depend only on the language (titles, labels, button captions): registered once when the skeleton is
 * built, set again only when the language changes. Shared by the main view and its cards.
 */
import { t, type Lang, type MessageKey } from './i18n';

type Where = 'text' | 'aria-label' | 'placeholder';

export interface LangTexts {
  /** Registers `el` to show message `key` (as its text, or its aria-label); returns `el`. */
  tx<E extends HTMLElement>(el: E, key: MessageKey, where?: Where): E;
  /** Sets every registered text when `lang` differs from the last call; true when it did. */
  apply(lang: Lang): boolean;
}

export function langTexts(): LangTexts {
  const texts: Array<[HTMLElement, MessageKey, Where]> = [];
  let shown: Lang | undefined;
  return {
    tx(el, key, where = 'text') {
      texts.push([el, key, where]);
      return el;
    },
    apply(lang) {
      if (lang === shown) return false;
      shown = lang;
      for (const [el, key, where] of texts) {
        if (where === 'text') el.textContent = t(lang, key);
        else el.setAttribute(where, t(lang, key));
      }
      return true;
    },
  };
}
