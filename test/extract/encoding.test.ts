import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBytes, isBinary, normalizeCharset, repairMojibake } from '../../src/extract/encoding.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

describe('decodeBytes', () => {
  it('honours BOMs: UTF-8, UTF-16LE, UTF-16BE', () => {
    // "café" in each form
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9))).toEqual({ text: 'café', encoding: 'utf-8' });
    expect(decodeBytes(bytes(0xff, 0xfe, 0x63, 0, 0x61, 0, 0x66, 0, 0xe9, 0))).toEqual({ text: 'café', encoding: 'utf-16le' });
    expect(decodeBytes(bytes(0xfe, 0xff, 0, 0x63, 0, 0x61, 0, 0x66, 0, 0xe9))).toEqual({ text: 'café', encoding: 'utf-16be' });
  });

  it('reads UTF-16 without a BOM from its NUL pattern', () => {
    const le = new Uint8Array(Buffer.from('Breaking news: the café reopened.', 'utf16le'));
    expect(decodeBytes(le)).toEqual({ text: 'Breaking news: the café reopened.', encoding: 'utf-16le' });
  });

  it('uses the HTTP charset when the bytes agree', () => {
    // "Straße" in windows-1252: ß = 0xDF
    const r = decodeBytes(concat(ascii('Die Stra'), bytes(0xdf), ascii('e ist gesperrt.')), { declared: 'text/html; charset=ISO-8859-1' });
    expect(r).toEqual({ text: 'Die Straße ist gesperrt.', encoding: 'windows-1252' });
  });

  it('treats a declared iso-8859-1 as windows-1252 (curly quotes 0x93/0x94)', () => {
    const r = decodeBytes(concat(ascii('He said '), bytes(0x93), ascii('no'), bytes(0x94), ascii('.')), { declared: 'iso-8859-1' });
    expect(r.text).toBe('He said “no”.');
  });

  it('finds <meta charset> and http-equiv in the first bytes', () => {
    const html1 = concat(ascii('<html><head><meta charset="windows-1251"><title>'), bytes(0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0), ascii('</title>'));
    expect(decodeBytes(html1)).toEqual({ text: '<html><head><meta charset="windows-1251"><title>Москва</title>', encoding: 'windows-1251' });
    const html2 = concat(
      ascii('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>'),
      // 北京 in GBK
      bytes(0xb1, 0xb1, 0xbe, 0xa9),
      ascii('</p>'),
    );
    const r2 = decodeBytes(html2);
    expect(r2.encoding).toBe('gbk');
    expect(r2.text).toContain('<p>北京</p>');
  });

  it('prefers valid UTF-8 over a declaration that lies', () => {
    const utf8 = new Uint8Array(Buffer.from('<meta charset="iso-8859-1"><p>Zürich – “quoted”</p>', 'utf8'));
    expect(decodeBytes(utf8)).toEqual({ text: '<meta charset="iso-8859-1"><p>Zürich – “quoted”</p>', encoding: 'utf-8' });
  });

  it('detects windows-1252 when declared UTF-8 bytes are invalid', () => {
    const text = 'Le café est très bon. « Déjà vu », dit-il à Noël — il a raison. Où est la gare ? Ça va être génial.';
    const latin = new Uint8Array(iconv.encode(text, 'windows-1252'));
    const r = decodeBytes(latin, { declared: 'utf-8' });
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(text);
  });

  it('detects GBK and ISO-8859-2 without any declaration', () => {
    const chinese = '北京时间今天上午，国务院总理在人民大会堂会见了来访的外国领导人，双方就两国关系和共同关心的国际问题交换了意见。';
    const gbk = decodeBytes(new Uint8Array(iconv.encode(chinese, 'gbk')));
    expect(gbk.text).toBe(chinese);
    const polish = 'Zażółć gęślą jaźń. Próba kodowania polskiego tekstu, żeby sprawdzić wykrywanie. Łódź i Kraków są piękne.';
    const l2 = decodeBytes(new Uint8Array(iconv.encode(polish, 'iso-8859-2')));
    expect(l2.text).toBe(polish);
  });

  it('repairs UTF-8 that was decoded as windows-1252 once already', () => {
    expect(repairMojibake('The CafÃ© said itâ€™s open â€” again.')).toBe('The Café said it’s open — again.');
    expect(repairMojibake('Ãlvaro is a name; Â£5 is a price.')).toBe('Ãlvaro is a name; Â£5 is a price.');
  });

  it('leaves correct accented text alone when the same page also has mojibake (review item 4)', () => {
    // "çã" re-encoded is E7 E3: the start of a three-byte sequence cut short, which is not UTF-8
    const mixed = 'O ministro disse que a votação da reforma foi concluída após longa negociação. CafÃ© e pÃ£o foram servidos.';
    expect(repairMojibake(mixed)).toBe('O ministro disse que a votação da reforma foi concluída após longa negociação. Café e pão foram servidos.');
    const bytes = new TextEncoder().encode(mixed);
    expect(decodeBytes(bytes).text).not.toContain('\ufffd');
  });
});

describe('normalizeCharset', () => {
  it('maps web labels onto decoder names', () => {
    expect(normalizeCharset('text/html; charset="UTF8"')).toBe('utf-8');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('GB2312')).toBe('gbk');
    expect(normalizeCharset('x-sjis')).toBe('shift_jis');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });
});

describe('isBinary', () => {
  it('refuses PDFs, PNGs, gzip and NUL-laden data', () => {
    expect(isBinary(ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe(true);
    expect(isBinary(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(true);
    expect(isBinary(bytes(0x1f, 0x8b, 0x08, 0x00))).toBe(true);
    expect(isBinary(concat(ascii('abc'), bytes(0, 1, 2, 3), ascii('def')))).toBe(true);
  });
  it('accepts text in any encoding, UTF-16 included', () => {
    expect(isBinary(new Uint8Array(Buffer.from('Plain text\r\nwith lines\tand tabs.\n', 'utf8')))).toBe(false);
    expect(isBinary(new Uint8Array(Buffer.from('Straße', 'latin1')))).toBe(false);
    expect(isBinary(new Uint8Array(Buffer.from('Long enough UTF-16 text without BOM', 'utf16le')))).toBe(false);
    expect(isBinary(bytes(0xff, 0xfe, 0x41, 0x00))).toBe(false);
  });
});
