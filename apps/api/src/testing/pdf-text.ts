import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler's pdftotext (Debian: poppler-utils, which .ci/run installs); `PDFTOTEXT=` points at another. */
export const PDFTOTEXT = process.env.PDFTOTEXT || '/usr/bin/pdftotext';
export const havePdftotext = existsSync(PDFTOTEXT);

/** `it`, or `it.skip` with a warning saying why when pdftotext is missing. */
export function itWithPdftotext(): jest.It {
  if (havePdftotext) return it;
  console.warn(
    `${PDFTOTEXT} is missing (Debian: apt-get install poppler-utils): the PDF text checks are skipped.`,
  );
  return it.skip;
}

/** The PDF's text as poppler reads it (`-raw`: in content order, so a wrapped cell reads on). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'aimsflow-pdf-'));
  try {
    writeFileSync(join(dir, 'out.pdf'), pdf);
    return execFileSync(PDFTOTEXT, ['-raw', '-enc', 'UTF-8', join(dir, 'out.pdf'), '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
