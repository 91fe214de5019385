import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASKS, classifyDigits, findDossierCodes, redact } from '../../../src/privacy/redact.js';

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
/** Text a citizen might type around a number: Vietnamese words and punctuation, never a digit or @. */
const words = fc
  .array(fc.constantFrom('hồ', 'sơ', 'của', 'tôi', 'số', 'CCCD', 'là', 'gọi', 'cho', 'em', 'nhé', ',', '.', ':', '(', ')', '-', 'đ', 'ạ'), { maxLength: 6 })
  .map((w) => w.join(' '));

const cccd = fc.tuple(digits(3), digits(9)).map(([a, b]) => a + b);
const cmnd = digits(9);
const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(8)).map(([p, rest]) => `0${p}${rest}`);
/** A number as people write it: whole, or grouped by spaces, dots or dashes. */
const written = (number: fc.Arbitrary<string>) =>
  fc.tuple(number, fc.constantFrom('', ' ', '.', '-'), fc.integer({ min: 2, max: 4 })).map(([n, sep, size]) =>
    sep ? (n.match(new RegExp(`.{1,${size}}`, 'g')) ?? [n]).join(sep) : n,
  );
const phone = fc.oneof(
  written(mobile),
  mobile.map((m) => `+84 ${m.slice(1, 4)} ${m.slice(4, 7)} ${m.slice(7)}`),
  digits(8).map((d) => `024 ${d.slice(0, 4)} ${d.slice(4)}`),
);
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,10}$/), fc.constantFrom('gmail.com', 'yahoo.com.vn', 'hanoi.gov.vn'))
  .map(([user, domain]) => `${user}@${domain}`);
const dossierCode = fc.oneof(
  fc.tuple(fc.constantFrom('H01', 'H26', 'G12'), digits(2), digits(6), digits(4)).map(([a, b, c, d]) => `${a}.${b}-${c}-${d}`),
  fc.tuple(digits(3), digits(2), digits(2), fc.constantFrom('H26', 'H01'), digits(6), digits(4)).map(
    ([a, b, c, d, e, f]) => `${a}.${b}.${c}.${d}-${e}-${f}`,
  ),
);
const onlyDigits = (s: string) => s.replace(/\D/g, '');

describe('redaction before anything leaves the device', () => {
  it('masks every CCCD, CMND and phone number however it is grouped, wherever it sits in a sentence', () => {
    fc.assert(
      fc.property(words, fc.oneof(written(cccd), written(cmnd), phone), words, (before, secret, after) => {
        const out = redact(`${before} ${secret} ${after}`);
        expect(onlyDigits(out)).not.toContain(onlyDigits(secret).slice(-9));
      }),
    );
  });

  it('masks two numbers typed side by side', () => {
    fc.assert(
      fc.property(cccd, mobile, (id, tel) => {
        const out = redact(`${id} ${tel}`);
        expect(out).toBe(`${MASKS.id} ${MASKS.phone}`);
      }),
    );
  });

  it('masks e-mail addresses', () => {
    fc.assert(
      fc.property(words, email, words, (before, address, after) => {
        const out = redact(`${before} ${address} ${after}`);
        expect(out).not.toContain('@');
        expect(out).toContain(MASKS.email);
      }),
    );
  });

  it('keeps dossier codes exactly, even next to personal numbers', () => {
    fc.assert(
      fc.property(words, dossierCode, fc.oneof(cccd, mobile), (before, code, secret) => {
        const out = redact(`${before} ${code} ${secret}`);
        expect(out).toContain(code);
        expect(out.endsWith(code)).toBe(false);
        expect(findDossierCodes(out)).toEqual([code.toUpperCase()]);
      }),
    );
  });

  it('changes nothing in a text without digits or @', () => {
    fc.assert(fc.property(words, (text) => {
      expect(redact(text)).toBe(text);
    }));
    fc.assert(fc.property(fc.string().filter((s) => !/[\d@\uE000-\uF8FF]/.test(s)), (text) => {
      expect(redact(text)).toBe(text);
    }));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(redact(redact(text))).toBe(redact(text));
    }));
    fc.assert(
      fc.property(words, fc.oneof(written(cccd), phone, email, dossierCode), words, (a, b, c) => {
        const once = redact(`${a} ${b} ${c}`);
        expect(redact(once)).toBe(once);
      }),
    );
  });

  it('leaves short numbers, dates and amounts alone', () => {
    expect(redact('Lệ phí 50.000 đồng, nộp trước 15/01/2026, mất 5 ngày')).toBe('Lệ phí 50.000 đồng, nộp trước 15/01/2026, mất 5 ngày');
  });

  it('reads examples the way a person would', () => {
    expect(redact('CCCD của tôi là 001099012345, sđt 0912 345 678, mail an.nguyen@gmail.com')).toBe(
      `CCCD của tôi là ${MASKS.id}, sđt ${MASKS.phone}, mail ${MASKS.email}`,
    );
    expect(redact('hồ sơ 000.00.00.H26-250101-0001 gọi +84 912 345 678')).toBe(`hồ sơ 000.00.00.H26-250101-0001 gọi ${MASKS.phone}`);
    expect(redact('CMND123456789')).toBe(`CMND${MASKS.id}`);
  });

  it('classifies digit runs', () => {
    expect(classifyDigits('0912345678')).toBe('phone');
    expect(classifyDigits('+84912345678')).toBe('phone');
    expect(classifyDigits('02438251234')).toBe('phone');
    expect(classifyDigits('001099012345')).toBe('id');
    expect(classifyDigits('123456789')).toBe('id');
    expect(classifyDigits('2026')).toBeNull();
  });

  it('finds dossier codes once each, upper-cased', () => {
    expect(findDossierCodes('tra h01.99-260101-0001 và H01.99-260101-0001, cả 000.00.00.H26-250101-0001')).toEqual([
      'H01.99-260101-0001',
      '000.00.00.H26-250101-0001',
    ]);
    expect(findDossierCodes('mã 260101-0001')).toEqual([]);
  });
});
