import { contentMismatch } from './evidence-content';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
/** The first bytes of an OOXML package: a ZIP local header naming its parts. */
const ooxml = (folder: string) =>
  bytes('PK\x03\x04', [20, 0, 0, 0, 8, 0], '[Content_Types].xml', [0, 1, 2], `${folder}document.xml`, [0]);

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const EXE = bytes('MZ', [0x90, 0, 3, 0], 'This program cannot be run in DOS mode');
const ELF = bytes('\x7fELF', [2, 1, 1]);
const HTML = bytes('<!DOCTYPE html><html><script>alert(1)</script></html>');

describe('contentMismatch', () => {
  it.each([
    ['application/pdf', PDF],
    ['image/png', PNG],
    ['image/jpeg', JPEG],
    [DOCX, ooxml('word/')],
    [XLSX, ooxml('xl/')],
    ['text/plain', Buffer.from('Minutes of the AI steering group — 2026-12-01\n', 'utf8')],
    ['text/plain', Buffer.from('\ufeffwith a byte order mark', 'utf8')],
    ['text/csv', Buffer.from('id,name\n1,Zoë\n', 'utf8')],
    ['application/json', Buffer.from('{"risks":[1,2]}', 'utf8')],
  ])('accepts %s whose bytes are one', (mime, content) => {
    expect(contentMismatch(mime, content)).toBeNull();
  });

  it.each([
    ['application/pdf', HTML, 'it is text, not a PDF document'],
    ['application/pdf', PNG, 'it is a PNG image, not a PDF document'],
    ['image/png', EXE, 'it is a Windows executable, not a PNG image'],
    ['image/png', ELF, 'it is an ELF executable'],
    ['image/jpeg', PNG, 'it is a PNG image, not a JPEG image'],
    ['image/png', bytes('GIF89a'), 'it is a GIF image'],
    ['image/jpeg', bytes([0, 1, 2, 0xfe, 0xff]), 'unrecognised kind'],
    [DOCX, ooxml('xl/'), 'it is an Excel workbook (.xlsx), not a Word document'],
    [XLSX, bytes('PK\x03\x04', 'META-INF/MANIFEST.MF'), 'it is a ZIP archive'],
    [DOCX, bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'legacy Office (OLE)'],
    ['text/plain', EXE, 'The file is a Windows executable, not text/plain'],
    ['text/plain', PDF, 'The file is a PDF document, not text/plain'],
    ['text/plain', bytes([0x61, 0xc3, 0x28]), 'not valid UTF-8'],
    ['text/csv', bytes('a,b\n', [0], 'c'), 'NUL bytes'],
    ['text/plain', HTML, 'HTML or XML document'],
    ['text/plain', bytes('  <svg onload="alert(1)">'), 'HTML or XML document'],
    ['application/json', bytes('{"a":'), 'not valid JSON'],
  ])('refuses %s holding other bytes', (mime, content, reason) => {
    expect(contentMismatch(mime, content)).toContain(reason);
  });
});
