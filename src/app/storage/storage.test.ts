import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { inspectUpload } from './inspect-upload.ts';
import { createLocalFileStore, localFileStoreRoot } from './local-file-store.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'secondchair-files-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A stream of `count` chunks of `size` bytes each. */
function chunks(count: number, size: number, fill = 0x61): Readable {
  return Readable.from(
    (function* () {
      for (let index = 0; index < count; index += 1) yield Buffer.alloc(size, fill);
    })(),
  );
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the local file store', () => {
  it('stores under DATA_DIR/files, reads back, reports size and SHA-256, deletes', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    const stored = await store.put('relationships/r1/agenda.txt', Readable.from(['Agenda: ', 'intake']), {
      maxBytes: 1024,
    });
    expect(stored).toEqual({
      key: 'relationships/r1/agenda.txt',
      size: 14,
      sha256: createHash('sha256').update('Agenda: intake').digest('hex'),
    });
    expect(await readFile(path.join(dataDir, 'files/relationships/r1/agenda.txt'), 'utf8')).toBe(
      'Agenda: intake',
    );
    expect(await store.exists('relationships/r1/agenda.txt')).toBe(true);
    const { stream, size } = await store.get('relationships/r1/agenda.txt');
    expect(size).toBe(14);
    expect(await text(stream)).toBe('Agenda: intake');
    expect(await store.delete('relationships/r1/agenda.txt')).toBe(true);
    expect(await store.delete('relationships/r1/agenda.txt')).toBe(false);
    expect(await store.exists('relationships/r1/agenda.txt')).toBe(false);
    expect((await caught(store.get('relationships/r1/agenda.txt'))).code).toBe('NOT_FOUND');
  });

  it('gives the same SHA-256 as node:crypto for the same bytes', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    const stored = await store.put('a/b', chunks(3, 1000), { maxBytes: 10_000 });
    expect(stored.sha256).toBe(createHash('sha256').update(Buffer.alloc(3000, 0x61)).digest('hex'));
  });

  it('never lets a key leave the root, touching no file', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    await writeFile(path.join(dataDir, 'secret'), 'do not read');
    for (const key of ['../secret', 'a/../../secret', '/etc/passwd', '.tmp/x', 'a\\..\\..\\secret']) {
      expect((await caught(store.get(key))).code, key).toBe('INTERNAL');
      expect((await caught(store.put(key, Readable.from(['x']), { maxBytes: 10 }))).code, key).toBe(
        'INTERNAL',
      );
      expect((await caught(store.exists(key))).code, key).toBe('INTERNAL');
      expect((await caught(store.delete(key))).code, key).toBe('INTERNAL');
    }
    expect(await readFile(path.join(dataDir, 'secret'), 'utf8')).toBe('do not read');
  });

  it('refuses content past the limit with PAYLOAD_TOO_LARGE naming the file, leaving nothing behind', async () => {
    const root = localFileStoreRoot(dataDir);
    const store = createLocalFileStore({ root });
    const error = await caught(
      store.put('relationships/r1/big.pdf', chunks(64, 64 * 1024), {
        maxBytes: 1024 * 1024,
        label: 'big.pdf',
      }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('"big.pdf" is larger than the 1 MB limit');
    expect(await store.exists('relationships/r1/big.pdf')).toBe(false);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('stops reading a huge stream soon after the limit instead of consuming it all', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        // 2 GiB if read to the end.
        for (let index = 0; index < 32_768; index += 1) {
          produced += 1;
          yield Buffer.alloc(64 * 1024);
        }
      })(),
    );
    expect((await caught(store.put('x/huge', endless, { maxBytes: 256 * 1024 }))).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(produced).toBeLessThan(64);
  });

  it('replaces a file whole: a failed overwrite keeps the old content', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    await store.put('k/v', Readable.from(['first version']), { maxBytes: 100 });
    await caught(store.put('k/v', chunks(10, 50), { maxBytes: 100 }));
    expect(await text((await store.get('k/v')).stream)).toBe('first version');
    await store.put('k/v', Readable.from(['second']), { maxBytes: 100 });
    expect(await text((await store.get('k/v')).stream)).toBe('second');
  });

  it('cleans up when the source stream fails midway', async () => {
    const root = localFileStoreRoot(dataDir);
    const store = createLocalFileStore({ root });
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        throw new Error('connection reset');
      })(),
    );
    await expect(store.put('k/broken', failing, { maxBytes: 1000 })).rejects.toThrow('connection reset');
    expect(await store.exists('k/broken')).toBe(false);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });
});

async function pdfBytes(): Promise<Buffer> {
  const doc = new PDFDocument();
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.text('Discussion guide');
  doc.end();
  await done;
  return Buffer.concat(parts);
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const JPEG_HEAD = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.alloc(200),
]);
const WEBP_HEAD = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0xc8, 0, 0, 0]),
  Buffer.from('WEBPVP8 ', 'latin1'),
  Buffer.alloc(200),
]);
/** A Windows executable's DOS header and PE signature. */
const EXE_HEAD = (() => {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
})();
const OLE_HEAD = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504),
]);

describe('inspectUpload', () => {
  it('accepts a real PDF, .docx, PNG, JPEG, GIF and WebP, and passes every byte on', async () => {
    const docx = await readFile(path.join(import.meta.dirname, 'fixtures/case-study.docx'));
    const pdf = await pdfBytes();
    const cases: [string, Buffer, string][] = [
      ['Discussion guide.pdf', pdf, 'pdf'],
      ['case-study.docx', docx, 'docx'],
      ['photo.png', PNG_1X1, 'png'],
      ['photo.JPG', JPEG_HEAD, 'jpeg'],
      ['animation.gif', GIF_1X1, 'gif'],
      ['picture.webp', WEBP_HEAD, 'webp'],
    ];
    for (const [name, bytes, id] of cases) {
      const { type, stream } = await inspectUpload(name, Readable.from([bytes]));
      expect(type.id, name).toBe(id);
      const passed: Buffer[] = [];
      for await (const part of stream) passed.push(part as Buffer);
      expect(Buffer.concat(passed).equals(bytes), name).toBe(true);
    }
  });

  it('refuses an executable renamed .pdf and an old .doc, naming the file', async () => {
    const exe = await caught(inspectUpload('Retainer agreement.pdf', Readable.from([EXE_HEAD])));
    expect(exe.code).toBe('VALIDATION_FAILED');
    expect(exe.message).toBe(
      'file: "Retainer agreement.pdf" is not a PDF file: its content is a Windows program (.exe)',
    );
    expect((await caught(inspectUpload('memo.docx', Readable.from([OLE_HEAD])))).message).toContain(
      '"memo.docx" is not a Word (.docx) file: its content is an old-style Office or installer file',
    );
    expect((await caught(inspectUpload('memo.doc', Readable.from([OLE_HEAD])))).message).toContain(
      '"memo.doc" cannot be uploaded',
    );
  });

  it('refuses a PNG called .pdf and plain text called .docx', async () => {
    expect((await caught(inspectUpload('scan.pdf', Readable.from([PNG_1X1])))).message).toBe(
      'file: "scan.pdf" is not a PDF file: its content is a PNG file',
    );
    expect(
      (await caught(inspectUpload('notes.docx', Readable.from([Buffer.from('just some text\n')])))).message,
    ).toContain('its content is not a type Second Chair accepts');
  });

  it('feeds the file store: sniff, then store with the size limit', async () => {
    const store = createLocalFileStore({ root: localFileStoreRoot(dataDir) });
    const pdf = await pdfBytes();
    const { stream } = await inspectUpload('guide.pdf', Readable.from([pdf]));
    const stored = await store.put('programs/p1/guide.pdf', stream, {
      maxBytes: 1024 * 1024,
      label: 'guide.pdf',
    });
    expect(stored.size).toBe(pdf.length);
    const tooBig = await inspectUpload('guide.pdf', Readable.from([pdf]));
    expect(
      (await caught(store.put('programs/p1/other.pdf', tooBig.stream, { maxBytes: 100, label: 'guide.pdf' })))
        .code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });
});
