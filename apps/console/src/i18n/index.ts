import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export type Lang = 'ko' | 'en';
const LANG_KEY = 'dure.lang';

/** Korean by default; English is a toggle remembered in the browser. */
export function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ko';
}

const startLang = initialLang();
// Screen readers and the browser's spelling and hyphenation follow <html lang>: the chosen one from the start.
document.documentElement.lang = startLang;

void i18n.use(initReactI18next).init({
  lng: startLang,
  fallbackLng: 'ko',
  defaultNS: 'common',
  ns: ['common'],
  resources: { ko: { common: common.ko }, en: { common: common.en } },
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

type Dict = { [key: string]: string | Dict };

/** A page's own texts, registered when its (lazily loaded) module is: translations split by route too. */
export function registerTranslations(ns: string, texts: { ko: Dict; en: Dict }): string {
  if (!i18n.hasResourceBundle('ko', ns)) {
    i18n.addResourceBundle('ko', ns, texts.ko);
    i18n.addResourceBundle('en', ns, texts.en);
  }
  return ns;
}

export default i18n;
