/**
 * The completion certificate of a relationship, drawn with pdfkit on one landscape page (US Letter for
 * en-US readers, A4 elsewhere): who, which program, when, the meetings, hours and plan figures, and the
 * verification code with the public page that checks it. pdfkit reads its font metrics from disk, so this
 * lives in app, not core. Names are set in the PDF standard fonts (Windows-1252 Latin; ADR 019).
 */
import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { normalizeVerificationCode } from '../../core/certificates/verification-code.ts';
import { AppError } from '../../core/errors.ts';

/** Everything a certificate states. */
export interface CompletionCertificateInput {
  organizationName: string;
  programName: string;
  mentorNames: readonly string[];
  menteeNames: readonly string[];
  /** YYYY-MM-DD: the relationship's start and its completion. */
  startedOn: string;
  completedOn: string;
  /** Meetings logged as held. */
  meetingsHeld: number;
  /** Hours of those meetings (actual durations), e.g. 14.5. */
  hours: number;
  /** The mentoring plan, when the program has one. */
  plan: { completedActivities: number; totalActivities: number; isRuleMet: boolean } | null;
  /** The printed code (XXXX-XXXX-XXXX-XXXX) and the page that checks it. */
  verificationCode: string;
  verificationUrl: string;
  /** When the certificate was issued (the document's creation date). */
  issuedAt: Date;
  /** en-US (Letter), en-GB, en-AU (A4): dates and numbers are written for this reader. */
  locale?: string;
}

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#0b6e4f';

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function formatDate(isoDate: string, locale: string, field: string): string {
  const date = DateTime.fromISO(isoDate, { zone: 'UTC', locale });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || !date.isValid) {
    throw new AppError('INTERNAL', `Certificate ${field} is not a date: ${isoDate}`);
  }
  return date.toLocaleString(DateTime.DATE_FULL);
}

/** The characters the PDF standard fonts can show (Windows-1252): printable ASCII, Latin-1 and the extras. */
const STANDARD_FONT_TEXT = /^[\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/;

/** Whether `text` can be set in the PDF standard fonts, so the certificate shows it as written. */
export function canPrintOnCertificate(text: string): boolean {
  return STANDARD_FONT_TEXT.test(text);
}

function checkInput(input: CompletionCertificateInput): void {
  const unprintable = [
    input.organizationName,
    input.programName,
    ...input.mentorNames,
    ...input.menteeNames,
  ].find((text) => !canPrintOnCertificate(text));
  if (unprintable !== undefined) {
    // Printing wrong glyphs on a certificate would be worse than not printing it (ADR 019).
    throw new AppError(
      'INVALID_STATE',
      `The certificate cannot yet print ${JSON.stringify(unprintable)}: only Western European letters are supported`,
    );
  }
  const problems: string[] = [];
  if (input.menteeNames.length === 0 || input.mentorNames.length === 0) problems.push('names');
  if (!Number.isInteger(input.meetingsHeld) || input.meetingsHeld < 0) problems.push('meetingsHeld');
  if (!Number.isFinite(input.hours) || input.hours < 0) problems.push('hours');
  if (normalizeVerificationCode(input.verificationCode) !== input.verificationCode) {
    problems.push('verificationCode');
  }
  if (input.startedOn > input.completedOn) problems.push('completedOn');
  if (problems.length > 0) {
    throw new AppError('INTERNAL', `Cannot draw a certificate: bad ${problems.join(', ')}`);
  }
}

/** Sets `text` on one line centred across the page, shrinking the font (down to `min`) until it fits. */
function centredLine(
  doc: PDFKit.PDFDocument,
  text: string,
  y: number,
  style: { font: string; size: number; min?: number; color: string },
): number {
  const margin = 90;
  const width = doc.page.width - margin * 2;
  let size = style.size;
  doc.font(style.font);
  while (size > (style.min ?? style.size * 0.6) && doc.fontSize(size).widthOfString(text) > width)
    size -= 0.5;
  doc
    .fillColor(style.color)
    .fontSize(size)
    .text(text, margin, y, {
      width,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
      height: size * 1.3,
    });
  return y + size * 1.35;
}

/** Draws the certificate and returns the PDF's bytes. */
export async function renderCompletionCertificate(input: CompletionCertificateInput): Promise<Buffer> {
  checkInput(input);
  const locale = input.locale ?? 'en-US';
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const doc = new PDFDocument({
    size: locale === 'en-US' ? 'LETTER' : 'A4',
    layout: 'landscape',
    margin: 0,
    lang: locale,
    displayTitle: true,
    info: {
      Title: `Certificate of Completion — ${input.programName}`,
      Author: input.organizationName,
      Subject: `${listNames(input.menteeNames)} and ${listNames(input.mentorNames)}`,
      Creator: 'Second Chair',
      CreationDate: input.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { width, height } = doc.page;
  doc
    .lineWidth(2)
    .strokeColor(ACCENT)
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(32, 32, width - 64, height - 64)
    .stroke();

  let y = 80;
  y = centredLine(doc, input.organizationName.toUpperCase(), y, {
    font: 'Helvetica',
    size: 11,
    color: MUTED,
  });
  y = centredLine(doc, 'Certificate of Completion', y + 14, { font: 'Times-Bold', size: 34, color: INK });
  y = centredLine(doc, 'This certifies that', y + 20, { font: 'Helvetica', size: 12, color: MUTED });
  y = centredLine(doc, listNames(input.menteeNames), y + 4, {
    font: 'Times-Bold',
    size: 26,
    min: 12,
    color: ACCENT,
  });
  const menteeWord = input.menteeNames.length === 1 ? 'mentee' : 'mentees';
  const mentorWord = input.mentorNames.length === 1 ? 'mentor' : 'mentors';
  y = centredLine(doc, `${menteeWord}, and ${listNames(input.mentorNames)}, ${mentorWord},`, y + 2, {
    font: 'Times-Roman',
    size: 17,
    min: 9,
    color: INK,
  });
  y = centredLine(doc, 'completed a mentoring relationship in', y + 8, {
    font: 'Helvetica',
    size: 12,
    color: MUTED,
  });
  y = centredLine(doc, input.programName, y + 4, { font: 'Helvetica-Bold', size: 18, min: 9, color: INK });
  y = centredLine(
    doc,
    `${formatDate(input.startedOn, locale, 'startedOn')} – ${formatDate(input.completedOn, locale, 'completedOn')}`,
    y + 4,
    { font: 'Helvetica', size: 12, color: INK },
  );

  // Three figures side by side.
  const figures: [string, string][] = [
    [numbers.format(input.meetingsHeld), input.meetingsHeld === 1 ? 'meeting held' : 'meetings held'],
    [numbers.format(input.hours), input.hours === 1 ? 'hour of mentoring' : 'hours of mentoring'],
  ];
  if (input.plan) {
    figures.push([
      `${numbers.format(input.plan.completedActivities)} of ${numbers.format(input.plan.totalActivities)}`,
      input.plan.isRuleMet ? 'plan activities · plan requirements met' : 'plan activities',
    ]);
  }
  const columnWidth = 200;
  const left = (width - columnWidth * figures.length) / 2;
  const figuresY = y + 36;
  figures.forEach(([value, label], index) => {
    const x = left + index * columnWidth;
    doc.font('Helvetica-Bold').fontSize(22).fillColor(ACCENT);
    doc.text(value, x, figuresY, { width: columnWidth, align: 'center', lineBreak: false });
    doc.font('Helvetica').fontSize(10).fillColor(MUTED);
    doc.text(label, x, figuresY + 28, { width: columnWidth, align: 'center', lineBreak: false });
  });

  const footerY = height - 108;
  doc
    .lineWidth(0.5)
    .strokeColor('#cbd2d9')
    .moveTo(90, footerY)
    .lineTo(width - 90, footerY)
    .stroke();
  centredLine(doc, `Verification code: ${input.verificationCode}`, footerY + 14, {
    font: 'Courier-Bold',
    size: 13,
    color: INK,
  });
  centredLine(doc, `Check this certificate at ${input.verificationUrl}`, footerY + 34, {
    font: 'Helvetica',
    size: 10,
    min: 6,
    color: MUTED,
  });
  centredLine(
    doc,
    `Issued ${DateTime.fromJSDate(input.issuedAt, { zone: 'UTC' }).setLocale(locale).toLocaleString(DateTime.DATE_FULL)} through Second Chair`,
    footerY + 50,
    { font: 'Helvetica', size: 9, color: MUTED },
  );

  doc.end();
  return finished;
}
