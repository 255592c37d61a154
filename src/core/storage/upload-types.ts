/**
 * Which files may be uploaded to a resource shelf, judged by content: the type a content sniffer
 * (file-type, in app) finds must be one we accept and must agree with the file name's extension. An
 * executable renamed .pdf, a PNG called .pdf, or a text file called .docx is refused, naming the file.
 * Legacy Word (.doc) is not accepted: the sniffer sees only an OLE container, which MSI installers share.
 */
import { AppError } from '../errors.ts';

/** A type we accept. */
export interface UploadType {
  id: 'pdf' | 'docx' | 'png' | 'jpeg' | 'gif' | 'webp';
  label: string;
  /** The media type we store and serve the file with. */
  mimeType: string;
  /** File name extensions (lower case, no dot) that may carry it; the first is canonical. */
  extensions: readonly string[];
}

export const UPLOAD_TYPES: readonly UploadType[] = [
  { id: 'pdf', label: 'PDF', mimeType: 'application/pdf', extensions: ['pdf'] },
  {
    id: 'docx',
    label: 'Word (.docx)',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  { id: 'png', label: 'PNG', mimeType: 'image/png', extensions: ['png'] },
  { id: 'jpeg', label: 'JPEG', mimeType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { id: 'gif', label: 'GIF', mimeType: 'image/gif', extensions: ['gif'] },
  { id: 'webp', label: 'WebP', mimeType: 'image/webp', extensions: ['webp'] },
];

/** The largest file a resource shelf takes by default (20 MiB). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** What the sniffer found in the content: its extension and media type, or nothing it recognises. */
export interface DetectedContent {
  ext: string;
  mime: string;
}

const ACCEPTED_LABELS = 'PDF, Word (.docx), PNG, JPEG, GIF and WebP';

/** A few types worth naming when they turn up where they should not. */
const DESCRIBED: Record<string, string> = {
  exe: 'a Windows program (.exe)',
  elf: 'a Linux program',
  macho: 'a macOS program',
  msi: 'a Windows installer',
  cfb: 'an old-style Office or installer file (OLE)',
  zip: 'a ZIP archive',
  doc: 'an old-style Word document (.doc)',
};

function describe(detected: DetectedContent): string {
  const known = UPLOAD_TYPES.find((type) => type.mimeType === detected.mime);
  if (known) return `a ${known.label} file`;
  return DESCRIBED[detected.ext] ?? `a .${detected.ext} file (${detected.mime})`;
}

/** The file name's extension, lower case without the dot ('' when it has none). */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The accepted type of an upload named `fileName` whose content the sniffer read as `detected`; throws
 * VALIDATION_FAILED on `file` naming the file otherwise.
 */
export function checkUploadType(fileName: string, detected: DetectedContent | undefined): UploadType {
  const name = JSON.stringify(fileName);
  const extension = fileExtension(fileName);
  const claimed = UPLOAD_TYPES.find((type) => type.extensions.includes(extension));
  if (!claimed) {
    throw AppError.validation([
      {
        path: 'file',
        message: `${name} cannot be uploaded: only ${ACCEPTED_LABELS} files are accepted`,
      },
    ]);
  }
  if (!detected) {
    throw AppError.validation([
      {
        path: 'file',
        message: `${name} is not a ${claimed.label} file: its content is not a type Second Chair accepts`,
      },
    ]);
  }
  if (detected.mime !== claimed.mimeType) {
    throw AppError.validation([
      {
        path: 'file',
        message: `${name} is not a ${claimed.label} file: its content is ${describe(detected)}`,
      },
    ]);
  }
  return claimed;
}
