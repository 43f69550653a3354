import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages.js';

/** The reader's language as Sigap's texts know it: English, else Indonesian. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}
