/** UI languages: Simplified Chinese first, English available. */
export const LOCALES = ['zh', 'en'] as const;
/** One UI language. */
export type Locale = (typeof LOCALES)[number];

/** A text in every UI language. */
export type Localized = Readonly<Record<Locale, string>>;
