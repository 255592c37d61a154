/**
 * Languages offered in profile pickers. The list, the code shape and the names are
 * src/core/languages.ts, shared with the server and the matching engine's reasons.
 */
import { COMMON_LANGUAGES, languageName } from '../../../src/core/languages.ts';

/** "Spanish" for "es", the code itself when no name is known. */
export const languageLabel = languageName;

export const LANGUAGE_OPTIONS = COMMON_LANGUAGES.map((code) => ({
  value: code,
  label: languageLabel(code),
})).sort((a, b) => a.label.localeCompare(b.label, 'en'));
