// The CBOR decoder (src/lib/search/cbor.ts) that reads Pagefind's index metadata.
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../src/lib/search/cbor.ts';

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));

describe('decodeCbor', () => {
  it('reads the examples of RFC 8949, appendix A, that Pagefind can write', () => {
    expect(decodeCbor(bytes('00'))).toBe(0);
    expect(decodeCbor(bytes('17'))).toBe(23);
    expect(decodeCbor(bytes('1818'))).toBe(24);
    expect(decodeCbor(bytes('1903e8'))).toBe(1000);
    expect(decodeCbor(bytes('1a000f4240'))).toBe(1000000);
    expect(decodeCbor(bytes('1b000000e8d4a51000'))).toBe(1000000000000);
    expect(decodeCbor(bytes('3863'))).toBe(-100);
    expect(decodeCbor(bytes('f90400'))).toBeCloseTo(6.103515625e-5);
    expect(decodeCbor(bytes('fb3ff199999999999a'))).toBe(1.1);
    expect(decodeCbor(bytes('f4'))).toBe(false);
    expect(decodeCbor(bytes('f6'))).toBeNull();
    expect(decodeCbor(bytes('6449455446'))).toBe('IETF');
    expect(decodeCbor(bytes('62c3bc'))).toBe('ü');
    expect(decodeCbor(bytes('4401020304'))).toEqual(Uint8Array.from([1, 2, 3, 4]));
    expect(decodeCbor(bytes('8301820203820405'))).toEqual([1, [2, 3], [4, 5]]);
    expect(decodeCbor(bytes('9f018202039f0405ffff'))).toEqual([1, [2, 3], [4, 5]]);
    expect(decodeCbor(bytes('a201020304'))).toEqual(new Map([[1, 2], [3, 4]]));
    expect(decodeCbor(bytes('c11a514b67b0'))).toBe(1363896240);
  });

  it('throws on truncated or malformed input instead of reading past the end', () => {
    expect(() => decodeCbor(bytes('1903'))).toThrow(/truncated/);
    expect(() => decodeCbor(bytes('830102'))).toThrow(/truncated/);
    expect(() => decodeCbor(bytes('6449455'.padEnd(8, '0')))).toThrow();
    expect(() => decodeCbor(bytes('1c'))).toThrow(/reserved/);
    expect(() => decodeCbor(bytes('62c328'))).toThrow();
  });
});
