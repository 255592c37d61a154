import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { assertStorageKey, storageKeyProblem } from './storage-keys.ts';
import { checkUploadType, fileExtension } from './upload-types.ts';

describe('storage keys', () => {
  it('accepts short relative paths made from ids', () => {
    for (const key of ['relationships/0b6e/resource-1.pdf', 'programs/p1/files/a_b-c.docx', 'x']) {
      expect(storageKeyProblem(key)).toBeNull();
    }
  });

  it('refuses every way out of the root', () => {
    for (const key of [
      '../etc/passwd',
      'a/../../b',
      '/etc/passwd',
      'a//b',
      'a/',
      '.tmp/x',
      'a/./b',
      'C:\\Windows',
      'a\\..\\b',
      'a/b\u0000c',
      '',
      'a/'.repeat(9) + 'b',
      'x'.repeat(513),
    ]) {
      expect(storageKeyProblem(key), key).not.toBeNull();
      expect(() => assertStorageKey(key)).toThrow(AppError);
    }
  });
});

function problem(fileName: string, detected?: { ext: string; mime: string }): string {
  try {
    checkUploadType(fileName, detected);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details?.issues?.[0]?.path).toBe('file');
    return (error as AppError).message;
  }
  throw new Error(`${fileName} was accepted`);
}

describe('upload types', () => {
  it('accepts content that is what its extension says, any case, .jpg and .jpeg alike', () => {
    expect(checkUploadType('Agenda.PDF', { ext: 'pdf', mime: 'application/pdf' }).id).toBe('pdf');
    expect(checkUploadType('photo.jpeg', { ext: 'jpg', mime: 'image/jpeg' }).id).toBe('jpeg');
    expect(checkUploadType('photo.jpg', { ext: 'jpg', mime: 'image/jpeg' }).mimeType).toBe('image/jpeg');
  });

  it('refuses an executable renamed .pdf, naming the file and what it really is', () => {
    expect(problem('Engagement letter.pdf', { ext: 'exe', mime: 'application/x-msdownload' })).toBe(
      'file: "Engagement letter.pdf" is not a PDF file: its content is a Windows program (.exe)',
    );
  });

  it('refuses a mismatched extension, content the sniffer does not know, and types we do not take', () => {
    expect(problem('scan.pdf', { ext: 'png', mime: 'image/png' })).toBe(
      'file: "scan.pdf" is not a PDF file: its content is a PNG file',
    );
    expect(problem('notes.docx')).toBe(
      'file: "notes.docx" is not a Word (.docx) file: its content is not a type Second Chair accepts',
    );
    expect(problem('old.doc', { ext: 'cfb', mime: 'application/x-cfb' })).toContain(
      '"old.doc" cannot be uploaded',
    );
    expect(problem('setup.exe', { ext: 'exe', mime: 'application/x-msdownload' })).toContain(
      'only PDF, Word (.docx), PNG, JPEG, GIF and WebP files are accepted',
    );
    expect(problem('README')).toContain('"README" cannot be uploaded');
  });

  it('reads extensions from the last dot of the last path segment', () => {
    expect(fileExtension('a.tar.GZ')).toBe('gz');
    expect(fileExtension('.pdf')).toBe('');
    expect(fileExtension('C:\\docs\\brief.Pdf')).toBe('pdf');
  });
});
