import { inflateSync } from 'node:zlib';

/** A font a page uses: its /BaseFont, and for embedded (Type0) fonts the glyph → text map from its ToUnicode CMap. */
export interface PdfFont {
  baseFont: string;
  subtype: string;
  toUnicode: Map<number, string> | null;
}

/** One text-showing operation (Tj or TJ) and the font it was drawn in. */
export interface PdfTextRun {
  font: PdfFont;
  text: string;
}

export interface ParsedPdf {
  version: string;
  pages: number;
  /** The text of each run, in drawing order. */
  text: string[];
  runs: PdfTextRun[];
  fonts: PdfFont[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

const ref = (dict: string, key: string): number | null => {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : null;
};

const utf16 = (hex: string): string => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');

/** The bytes of a PDF string token: <hex> or (literal). */
function stringBytes(token: string): Buffer {
  if (token.startsWith('<')) return Buffer.from(token.slice(1, -1).replace(/\s/g, ''), 'hex');
  return Buffer.from(token.slice(1, -1).replace(/\\([()\\])/g, '$1'), 'latin1');
}

/** Glyph id → text, from the bfchar/bfrange sections of a ToUnicode CMap. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of section[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(src, 16), utf16(dst));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, start, end, list, first] of section[1].matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F\s]*)>)/g,
    )) {
      const from = parseInt(start, 16);
      const to = parseInt(end, 16);
      if (list !== undefined) [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, dst], i) => map.set(from + i, utf16(dst)));
      else
        for (let code = from, text = utf16(first); code <= to; code++) {
          map.set(code, text);
          text = text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + 1);
        }
    }
  return map;
}

function decodeText(font: PdfFont | undefined, token: string): string {
  const bytes = stringBytes(token);
  if (!font?.toUnicode) return bytes.toString('latin1');
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += font.toUnicode.get(bytes.readUInt16BE(i)) ?? '\uFFFD';
  return text;
}

/**
 * Checks that `bytes` is a well-formed PDF (header, cross-reference table,
 * trailer, end marker, every xref offset pointing at its object) and returns
 * the text drawn on its pages, one string per text operation, decoded through
 * each font's ToUnicode map when it has one (embedded fonts), with the fonts
 * the pages use. Streams are inflated when they are Flate-compressed.
 */
export function parsePdf(bytes: Buffer): ParsedPdf {
  const raw = bytes.toString('latin1');
  const header = /^%PDF-(\d\.\d)/.exec(raw);
  if (!header) throw new Error('not a PDF: no %PDF- header');
  if (!/%%EOF\s*$/.test(raw)) throw new Error('no %%EOF at the end');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1]);
  if (!raw.startsWith('xref', startxref)) throw new Error('startxref does not point at the xref table');
  const xref = /xref\s+0 (\d+)\s+([\s\S]*?)trailer/.exec(raw.slice(startxref));
  if (!xref) throw new Error('unreadable xref table');
  const objects = new Map<number, PdfObject>();
  xref[2]
    .trim()
    .split(/\s*\n\s*/)
    .slice(1)
    .forEach((entry, index) => {
      const offset = Number(entry.split(' ')[0]);
      if (!raw.startsWith(`${index + 1} 0 obj`, offset))
        throw new Error(`xref entry ${index + 1} points at offset ${offset}, not at its object`);
      objects.set(index + 1, readObject(bytes, raw, offset));
    });

  const fonts = new Map<number, PdfFont>();
  const fontAt = (id: number): PdfFont => {
    let font = fonts.get(id);
    if (!font) {
      const { dict } = objects.get(id)!;
      const toUnicode = ref(dict, 'ToUnicode');
      font = {
        baseFont: /\/BaseFont \/(\S+)/.exec(dict)?.[1] ?? '',
        subtype: /\/Subtype \/(\S+)/.exec(dict)?.[1] ?? '',
        toUnicode: toUnicode === null ? null : parseToUnicode(objects.get(toUnicode)!.stream!.toString('latin1')),
      };
      fonts.set(id, font);
    }
    return font;
  };

  const runs: PdfTextRun[] = [];
  const pages = [...objects.values()].filter(({ dict }) => /\/Type \/Page\b/.test(dict));
  for (const page of pages) {
    const resourcesId = ref(page.dict, 'Resources');
    const resources = resourcesId === null ? page.dict : objects.get(resourcesId)!.dict;
    const pageFonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)].map(([, name, id]) => [
        name,
        fontAt(Number(id)),
      ]),
    );
    const contents = objects.get(ref(page.dict, 'Contents')!)!.stream!.toString('latin1');
    let current: PdfFont | undefined;
    for (const op of contents.matchAll(
      /\/(\S+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|\s|-?[\d.]+)*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g,
    )) {
      if (op[1] !== undefined) {
        current = pageFonts.get(op[1]);
        continue;
      }
      const parts = op[2] !== undefined ? [...op[2].matchAll(/<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)/g)].map((m) => m[0]) : [op[3]];
      if (!current) throw new Error('text drawn before any font was selected');
      runs.push({ font: current, text: parts.map((part) => decodeText(current, part)).join('') });
    }
  }
  return { version: header[1], pages: pages.length, text: runs.map((run) => run.text), runs, fonts: [...fonts.values()] };
}

/** The dictionary of the object at `offset` and, if it has one, its (inflated) stream. */
function readObject(bytes: Buffer, raw: string, offset: number): PdfObject {
  const end = raw.indexOf('endobj', offset);
  const streamAt = raw.indexOf('stream', offset);
  if (streamAt === -1 || streamAt > end) return { dict: raw.slice(offset, end), stream: null };
  const dict = raw.slice(offset, streamAt);
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  const start = streamAt + 'stream'.length + (raw.startsWith('\r\n', streamAt + 6) ? 2 : 1);
  const data = bytes.subarray(start, start + length);
  return { dict, stream: /\/Filter \/FlateDecode/.test(dict) ? inflateSync(data) : data };
}
