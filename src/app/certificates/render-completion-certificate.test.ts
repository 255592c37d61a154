/** The certificate is read back with unpdf (Mozilla's pdf.js), independent of pdfkit that drew it. */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { normalizeVerificationCode } from '../../core/certificates/verification-code.ts';
import { generateVerificationCode } from './generate-verification-code.ts';
import {
  canPrintOnCertificate,
  renderCompletionCertificate,
  type CompletionCertificateInput,
} from './render-completion-certificate.ts';

const INPUT: CompletionCertificateInput = {
  organizationName: 'Oregon State Bar',
  programName: 'New Lawyer Mentoring Program 2027',
  mentorNames: ['Ana Ortiz'],
  menteeNames: ['Zoë O’Neill'],
  startedOn: '2027-02-01',
  completedOn: '2027-11-30',
  meetingsHeld: 12,
  hours: 14.5,
  plan: { completedActivities: 18, totalActivities: 20, isRuleMet: true },
  verificationCode: '7KQ2-M9XD-4TPB-1ZRW',
  verificationUrl: 'https://mentoring.osbar.example/verify/7KQ2-M9XD-4TPB-1ZRW',
  issuedAt: new Date('2027-12-01T10:00:00Z'),
  locale: 'en-US',
};

async function read(pdf: Buffer): Promise<{ pages: number; text: string; size: number[] }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  const page = await document.getPage(1);
  const [, , width, height] = page.view;
  // One text run may be split into several items: compare with whitespace collapsed.
  return {
    pages: totalPages,
    text: text.replace(/\s+/g, ' '),
    size: [Math.round(width), Math.round(height)],
  };
}

describe('the completion certificate', () => {
  it('is a one-page PDF stating every field', async () => {
    const pdf = await renderCompletionCertificate(INPUT);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text, size } = await read(pdf);
    expect(pages).toBe(1);
    expect(size).toEqual([792, 612]); // US Letter, landscape
    for (const expected of [
      'OREGON STATE BAR',
      'Certificate of Completion',
      'Zoë O’Neill',
      'mentee, and Ana Ortiz, mentor,',
      'New Lawyer Mentoring Program 2027',
      'February 1, 2027',
      'November 30, 2027',
      '12',
      'meetings held',
      '14.5',
      'hours of mentoring',
      '18 of 20',
      'plan requirements met',
      'Verification code: 7KQ2-M9XD-4TPB-1ZRW',
      'Check this certificate at https://mentoring.osbar.example/verify/7KQ2-M9XD-4TPB-1ZRW',
      'Issued December 1, 2027',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('uses A4 and British dates for an en-GB reader, and leaves out the plan when there is none', async () => {
    const { pages, text, size } = await read(
      await renderCompletionCertificate({ ...INPUT, locale: 'en-GB', plan: null, meetingsHeld: 1, hours: 1 }),
    );
    expect(pages).toBe(1);
    expect(size).toEqual([842, 595]); // A4, landscape
    expect(text).toContain('1 February 2027');
    expect(text).toContain('1 meeting held');
    expect(text).toContain('1 hour of mentoring');
    expect(text).not.toContain('plan activities');
  });

  it('stays on one page with a circle of mentees and a long program name', async () => {
    const { pages, text } = await read(
      await renderCompletionCertificate({
        ...INPUT,
        programName:
          'Multnomah Bar Association and Oregon Women Lawyers Joint Mentoring Circle for Public Interest and Legal Aid Lawyers',
        mentorNames: ['Ana Ortiz', 'Rahul Venkataraman'],
        menteeNames: [
          'Zoë O’Neill',
          'Jean-Baptiste Müller-Lüdenscheidt',
          'Chidinma Okonkwo-Adeyemi',
          'Sam Lee',
        ],
      }),
    );
    expect(pages).toBe(1);
    expect(text).toContain('mentees, and Ana Ortiz and Rahul Venkataraman, mentors,');
    expect(text).toContain('Jean-Baptiste Müller-Lüdenscheidt');
  });

  it('refuses figures that cannot be right rather than print them', async () => {
    await expect(renderCompletionCertificate({ ...INPUT, meetingsHeld: -1 })).rejects.toThrow(/meetingsHeld/);
    await expect(renderCompletionCertificate({ ...INPUT, verificationCode: 'nope' })).rejects.toThrow(
      /verificationCode/,
    );
    await expect(renderCompletionCertificate({ ...INPUT, completedOn: '2027-01-01' })).rejects.toThrow(
      /completedOn/,
    );
  });
});

describe('names the standard fonts cannot show', () => {
  it('refuses to print wrong glyphs, naming the text', async () => {
    expect(canPrintOnCertificate('Zoë O’Neill – Müller, Œuvre €')).toBe(true);
    expect(canPrintOnCertificate('Łukasz Żółć')).toBe(false);
    await expect(renderCompletionCertificate({ ...INPUT, menteeNames: ['王小明'] })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'The certificate cannot yet print "王小明": only Western European letters are supported',
    });
  });
});

describe('generateVerificationCode', () => {
  it('makes a new, printable code each time', () => {
    const codes = new Set(Array.from({ length: 100 }, () => generateVerificationCode()));
    expect(codes.size).toBe(100);
    for (const code of codes) expect(normalizeVerificationCode(code.toLowerCase())).toBe(code);
  });
});
