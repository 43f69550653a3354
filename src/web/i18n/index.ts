import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/languages.js';
import en from './en.json';
import id from './id.json';

const storageKey = 'sigap.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return isLanguage(stored) ? stored : defaultLanguage;
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: defaultLanguage,
  interpolation: { escapeValue: false },
});

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  localStorage.setItem(storageKey, lng);
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

export { i18n };
