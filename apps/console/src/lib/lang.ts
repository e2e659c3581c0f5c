import { useTranslation } from 'react-i18next';
import type { Lang } from '../i18n';
import { formatWon } from './format';

/** The language shown (the one formatWon wants). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ko';
}

/** Won in the language shown: 12,345원 / ₩12,345. */
export function useWon(): (value: number | null | undefined) => string {
  const lang = useLang();
  return (value) => formatWon(value, lang);
}
