// A minimal CBOR (RFC 8949) decoder: enough to read Pagefind's index metadata (arrays, strings, integers).

export type Cbor = number | bigint | string | Uint8Array | boolean | null | undefined | Cbor[] | Map<Cbor, Cbor>;

/** Decode one CBOR item from the start of `bytes`; throws on malformed or truncated input. */
export function decodeCbor(bytes: Uint8Array): Cbor {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  /** Where the next `n` bytes start; moves past them. */
  const take = (n: number): number => {
    if (at + n > bytes.length) throw new Error('CBOR: truncated input');
    at += n;
    return at - n;
  };
  /** At the end of an indefinite-length list or map: step over the break byte. */
  const atBreak = (): boolean => {
    if (view.getUint8(take(1)) === 0xff) return true;
    at--;
    return false;
  };
  const length = (info: number): number => {
    if (info < 24) return info;
    if (info === 24) return view.getUint8(take(1));
    if (info === 25) return view.getUint16(take(2));
    if (info === 26) return view.getUint32(take(4));
    if (info === 27) {
      const v = view.getBigUint64(take(8));
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('CBOR: length too large');
      return Number(v);
    }
    if (info === 31) return -1;
    throw new Error(`CBOR: reserved length ${info}`);
  };
  const item = (): Cbor => {
    const head = view.getUint8(take(1));
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      if (info === 23) return undefined;
      if (info === 25) return halfFloat(view.getUint16(take(2)));
      if (info === 26) return view.getFloat32(take(4));
      if (info === 27) return view.getFloat64(take(8));
      if (info < 24) return info;
      throw new Error(`CBOR: unsupported simple value ${info}`);
    }
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        if (n < 0) throw new Error('CBOR: indefinite strings are not supported');
        const start = take(n);
        const slice = bytes.subarray(start, start + n);
        return major === 2 ? slice : text.decode(slice);
      }
      case 4: {
        const list: Cbor[] = [];
        if (n >= 0) for (let k = 0; k < n; k++) list.push(item());
        else while (!atBreak()) list.push(item());
        return list;
      }
      case 5: {
        const map = new Map<Cbor, Cbor>();
        if (n >= 0) for (let k = 0; k < n; k++) map.set(item(), item());
        else while (!atBreak()) map.set(item(), item());
        return map;
      }
      default:
        return item(); // 6: a tag; its content stands for it
    }
  };
  return item();
}

function halfFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
