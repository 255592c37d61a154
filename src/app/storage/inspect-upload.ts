import type { Readable } from 'node:stream';
// The Node entry (Node streams); TypeScript's bundler resolution would otherwise pick the web-only one.
import { fileTypeStream } from 'file-type/node';
import { checkUploadType, type UploadType } from '../../core/storage/upload-types.ts';

/** How many leading bytes the sniffer reads (file-type's default sample; enough for a .docx's manifest). */
const SAMPLE_BYTES = 4100;

/**
 * Sniffs an upload's content with file-type before anything is stored: returns the accepted type and a
 * stream that still yields every byte (the sample included), or throws VALIDATION_FAILED naming the file
 * (an executable renamed .pdf, a type we do not take, an extension that does not match the content).
 */
export async function inspectUpload(
  fileName: string,
  content: Readable,
): Promise<{ type: UploadType; stream: Readable }> {
  const stream = await fileTypeStream(content, { sampleSize: SAMPLE_BYTES });
  try {
    const type = checkUploadType(fileName, stream.fileType);
    return { type, stream };
  } catch (error) {
    stream.destroy();
    content.destroy();
    throw error;
  }
}
