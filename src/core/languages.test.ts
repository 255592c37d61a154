import { describe, expect, it } from 'vitest';
import { COMMON_LANGUAGES, LANGUAGE_CODE_PATTERN, languageName } from './languages.ts';

const isLanguageCode = (code: string) => LANGUAGE_CODE_PATTERN.test(code);

describe('language codes', () => {
  it('are a language, optionally with a script and a region', () => {
    for (const code of ['en', 'es', 'hmn', 'ase', 'pt-BR', 'zh-Hant', 'zh-Hant-TW', 'es-419']) {
      expect(isLanguageCode(code), code).toBe(true);
    }
    for (const code of ['', 'e', 'EN', 'en_US', 'en-us', 'english', 'en-', 'zh-hant', 'en-GB-x']) {
      expect(isLanguageCode(code), code).toBe(false);
    }
  });

  it('offers each common language once, each a well-formed code', () => {
    expect(new Set(COMMON_LANGUAGES).size).toBe(COMMON_LANGUAGES.length);
    for (const code of COMMON_LANGUAGES) expect(isLanguageCode(code), code).toBe(true);
  });

  it('names languages, sign languages included, and falls back to the code', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
    expect(languageName('ase')).toBe('American Sign Language');
    expect(languageName('bfi')).toBe('British Sign Language');
    expect(languageName('asf')).toBe('Auslan (Australian Sign Language)');
    expect(languageName('qqq')).toBe('qqq');
  });
});
