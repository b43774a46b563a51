/**
 * Character encodings of the files clerks save. Word, WPS and older Notepad on Chinese Windows
 * save “ANSI”, which is GBK (a subset of GB18030), or “Unicode”, which is UTF-16 with a BOM.
 * Only UTF-8 is read; the others are detected so `check` can name them and `--fix-encoding`
 * can convert them without losing a character.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Undefined when the bytes are not valid UTF-8. A BOM is dropped (the decoder's default). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function utf16Bom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/** Git's test: a NUL byte early in the file. Text in UTF-16 has them too, so its BOM excuses it. */
export function looksBinary(bytes: Uint8Array): boolean {
  return utf16Bom(bytes) === undefined && bytes.subarray(0, 8000).includes(0);
}

/** Decodes and encodes back to the same bytes: nothing was replaced or dropped. */
function lossless(bytes: Uint8Array, encoding: string): boolean {
  const buffer = Buffer.from(bytes);
  const text = iconv.decode(buffer, encoding, { stripBOM: false });
  return !text.includes('\uFFFD') && iconv.encode(text, encoding).equals(buffer);
}

/**
 * The encoding of text that is not UTF-8, when it can be read without loss; undefined otherwise.
 * chardet's first guess is taken when it is Chinese (GB18030 or Big5). Short files give it too
 * little to go on (two words in GBK look like Latin-1 to it), so GB18030, what a clerk's
 * Chinese Windows saves, comes before its other guesses.
 */
export function detectEncoding(bytes: Uint8Array): string | undefined {
  const bom = utf16Bom(bytes);
  if (bom) return bom;
  const guesses = chardet.analyse(bytes).map((match) => match.name);
  const first = guesses[0] === 'GB18030' || guesses[0] === 'Big5' ? [guesses[0]] : [];
  const candidates = [...new Set([...first, 'GB18030', ...guesses])];
  return candidates.find((name) => iconv.encodingExists(name) && !name.startsWith('UTF') && lossless(bytes, name));
}

/** Text of bytes in `encoding`, without a BOM. */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes), encoding);
}

/** 1-based line of the first byte sequence that is not UTF-8, to point the clerk at it. */
export function firstNonUtf8Line(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = text.indexOf('\uFFFD');
  return bad === -1 ? 1 : text.slice(0, bad).split('\n').length;
}
