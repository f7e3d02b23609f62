/** PEM armor (RFC 7468) to and from DER, portable (no Buffer). */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REV = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) REV[B64.charCodeAt(i)] = i;

function base64Decode(s: string): Uint8Array {
  const clean = s.replace(/[\s]/g, '');
  if (clean.length % 4) throw new Error('PEM: base64 length is not a multiple of 4');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = clean.charCodeAt(i + j);
      let v: number;
      if (ch === 61 /* = */ && i + j >= clean.length - pad) v = 0;
      else {
        v = ch < 128 ? REV[ch]! : -1;
        if (v < 0) throw new Error('PEM: invalid base64 character');
      }
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

function base64Encode(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? B64[n & 63]! : '=');
  }
  return s;
}

/** Every PEM block in `text` with its label, in order. */
export function splitPem(text: string): { label: string; der: Uint8Array }[] {
  const out: { label: string; der: Uint8Array }[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) out.push({ label: m[1]!, der: base64Decode(m[2]!) });
  return out;
}

/** The DER of the single PEM block labelled `label` (e.g. 'CERTIFICATE', 'X509 CRL'). */
export function pemToDer(text: string, label: string): Uint8Array {
  const blocks = splitPem(text).filter((b) => b.label === label);
  if (blocks.length !== 1) throw new Error(`PEM: expected one ${label} block, found ${blocks.length}`);
  return blocks[0]!.der;
}

export function derToPem(der: Uint8Array, label: string): string {
  const b = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 64) lines.push(b.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
