/**
 * Language codes (BCP 47: a language, optionally a script and a region, e.g. en, es, pt-BR, zh-Hant,
 * es-419) used by profiles and the matching engine, the languages offered in pickers, and their names.
 * Sign languages are listed on purpose: they matter for legal-aid work.
 */

export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/;

/** The languages offered in pickers; people may add any other well-formed code. */
export const COMMON_LANGUAGES: readonly string[] = [
  'en',
  'es',
  'zh',
  'fr',
  'de',
  'ar',
  'hi',
  'pt',
  'ru',
  'ja',
  'ko',
  'vi',
  'tl',
  'it',
  'pl',
  'he',
  'fa',
  'ur',
  'bn',
  'pa',
  'ht',
  'el',
  'nl',
  'sv',
  'tr',
  'uk',
  'so',
  'am',
  'hmn',
  'cy',
  'gd',
  'ga',
  'mi',
  'ase',
  'bfi',
  'asf',
];

// Names that the runtime's language data does not always have.
const SIGN_LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  ase: 'American Sign Language',
  bfi: 'British Sign Language',
  asf: 'Auslan (Australian Sign Language)',
};

let displayNames: Intl.DisplayNames | undefined;

/** "Spanish" for es, "Brazilian Portuguese" for pt-BR; the code itself when no name is known. */
export function languageName(code: string): string {
  const signLanguage = SIGN_LANGUAGE_NAMES[code];
  if (signLanguage) return signLanguage;
  try {
    displayNames ??= new Intl.DisplayNames(['en-US'], { type: 'language' });
    const name = displayNames.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
