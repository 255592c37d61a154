/**
 * Languages offered in profiles (BCP 47 codes the contract accepts: "en", "es", "pt-BR"), including
 * sign languages, which matter for legal-aid work. Labels come from the browser.
 */
const COMMON_LANGUAGES = [
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

const SIGN_LANGUAGES: Record<string, string> = {
  ase: 'American Sign Language',
  bfi: 'British Sign Language',
  asf: 'Auslan (Australian Sign Language)',
};

let displayNames: Intl.DisplayNames | null = null;

/** "Spanish" for "es", the code itself when the browser does not know it. */
export function languageLabel(code: string): string {
  if (SIGN_LANGUAGES[code]) return SIGN_LANGUAGES[code];
  try {
    displayNames ??= new Intl.DisplayNames(['en-US'], { type: 'language' });
    const name = displayNames.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

export const LANGUAGE_OPTIONS = COMMON_LANGUAGES.map((code) => ({
  value: code,
  label: languageLabel(code),
})).sort((a, b) => a.label.localeCompare(b.label, 'en'));

/** The shape the server accepts (src/contracts/profiles.ts). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;
