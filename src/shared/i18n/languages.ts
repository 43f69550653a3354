export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'id';

/** A text a user reads, in every language Sigap speaks. Indonesian first. */
export type Localized = Record<Language, string>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * Picks the language from an HTTP Accept-Language header: the supported language with the
 * highest q, Indonesian when none is supported or the header is absent.
 */
export function pickLanguage(header: string | undefined | null): Language {
  if (!header) return defaultLanguage;
  let best: { lang: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    // "in" is the pre-1989 ISO code for Indonesian and still sent by some old Android phones.
    const lang = primary === 'in' ? 'id' : primary;
    if (!isLanguage(lang)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? defaultLanguage;
}
