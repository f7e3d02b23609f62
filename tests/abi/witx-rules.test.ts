/**
 * The witx-only rules of the adapter (host/src/abi/witx/README.md), driven from TypeScript over a
 * WebAssembly.Memory: handle tables, memory checks at the moment of use, overflow without partial
 * writes, array_output streaming and consumption, opt_options structs, guest buffers, managed keys
 * and versions, external secrets, KEM outputs, and the batch modules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCryptoHost } from '../../host/src/index.js';
import { createWitxImports, Errno, VERSION_LATEST, WITX_MODULES } from '../../host/src/abi/witx/index.js';
import { newMemory, WitxDriver } from './runners.js';

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = (s: string) => new TextEncoder().encode(s);

function setup(maxHandles?: number) {
  const host = createCryptoHost();
  const d = new WitxDriver(host, newMemory(1, 4), maxHandles === undefined ? {} : { maxHandles });
  const none = d.opt(undefined);
  return { host, d, none, errno: (name: string, ...args: (number | bigint)[]) => d.fn(name)(...args) };
}

test('every witx 0.10 function is provided, and the batch modules answer not_implemented', () => {
  const { host, d, errno } = setup();
  const counts = Object.fromEntries(WITX_MODULES.map((m) => [m, Object.keys(d.witx.imports[m]).length]));
  assert.deepEqual(counts, {
    wasi_ephemeral_crypto_common: 10,
    wasi_ephemeral_crypto_symmetric: 28,
    wasi_ephemeral_crypto_asymmetric_common: 20,
    wasi_ephemeral_crypto_signatures: 11,
    wasi_ephemeral_crypto_kx: 3,
    wasi_ephemeral_crypto_external_secrets: 6,
    wasi_ephemeral_crypto_symmetric_batch: 6,
    wasi_ephemeral_crypto_signatures_batch: 2,
  });
  for (const name of Object.keys(d.witx.imports.wasi_ephemeral_crypto_symmetric_batch)) assert.equal(errno(name, 0, 0, 0), Errno.not_implemented, name);
  assert.equal(errno('batch_signature_state_sign', 8, 1, 16), Errno.not_implemented);
  d.witx[Symbol.dispose]();
  host[Symbol.dispose]();
});

test('handles: closed vs never issued vs wrong type, and too_many_handles without leaks', () => {
  const { host, d, none, errno } = setup(3);
  const out = d.alloc(4, 4);
  const [ap, al] = d.str('SHA-256');
  const a = d.out('symmetric_state_open', ap, al, none, none);
  const b = d.out('symmetric_state_open', ap, al, none, none);
  const c = d.out('options_open', 1);
  assert.equal(errno('symmetric_state_open', ap, al, none, none, out), Errno.too_many_handles);
  assert.equal(errno('options_open', 1, out), Errno.too_many_handles);
  assert.equal(host.stats().handles.total, 3, 'the refused objects were released');
  assert.equal(errno('symmetric_key_close', a), Errno.invalid_handle, 'wrong type');
  assert.equal(errno('symmetric_state_close', a), 0);
  assert.equal(errno('symmetric_state_close', a), Errno.closed, 'closing twice');
  assert.equal(errno('symmetric_state_absorb', a, ap, al), Errno.invalid_handle, 'use after close');
  assert.equal(errno('symmetric_state_close', 999), Errno.invalid_handle, 'never issued');
  assert.equal(errno('symmetric_state_close', 0), Errno.invalid_handle, '0 is never a handle');
  assert.notEqual(d.out('symmetric_state_open', ap, al, none, none), a, 'handles are not reused at once');
  for (const [h, close] of [[b, 'symmetric_state_close'], [c, 'options_close']] as const) assert.equal(errno(close, h), 0);
  d.witx[Symbol.dispose]();
  assert.equal(host.stats().handles.total, 0);
  host[Symbol.dispose]();
});

test('memory: ranges are checked at each use, after growth too; overflow writes nothing', () => {
  const { host, d, none, errno } = setup();
  const memory = d.memory;
  const [ap, al] = d.str('SHA-256');
  const st = d.out('symmetric_state_open', ap, al, none, none);
  const page = 65536;
  // Just past the end: guest_error; after memory.grow the same range is valid.
  const high = memory.buffer.byteLength;
  assert.equal(errno('symmetric_state_squeeze', st, high, 32), Errno.guest_error);
  assert.equal(errno('symmetric_state_absorb', st, high - 2, 3), Errno.guest_error, 'one byte past the end');
  assert.equal(errno('symmetric_state_absorb', st, 0xfffffff0 | 0, 0x20), Errno.guest_error, 'wrapping range');
  memory.grow(1);
  assert.equal(memory.buffer.byteLength, high + page);
  new Uint8Array(memory.buffer, high, 3).set(enc('abc'));
  assert.equal(errno('symmetric_state_absorb', st, high, 3), 0, 'the grown memory is seen');
  assert.equal(errno('symmetric_state_squeeze', st, high + 100, 32), 0);
  assert.equal(hex(d.bytes(high + 100, 32)), SHA256_ABC);

  // Overflow writes nothing: an HMAC tag into 16 bytes, a state option into a short buffer.
  const [hp, hl] = d.str('HMAC/SHA-256');
  const key = d.out('symmetric_key_import', hp, hl, ...d.put(enc('Jefe')));
  const hst = d.out('symmetric_state_open', hp, hl, d.opt(key), none);
  const tag = d.out('symmetric_state_squeeze_tag', hst);
  const buf = d.put(new Uint8Array(32).fill(0xee))[0];
  const out = d.alloc(4, 4);
  assert.equal(errno('symmetric_tag_pull', tag, buf, 31, out), Errno.overflow);
  assert.deepEqual(d.bytes(buf, 32), new Uint8Array(32).fill(0xee), 'nothing written');
  assert.equal(errno('symmetric_tag_pull', tag, buf, 32, out), 0);
  assert.equal(d.u32(out), 32);
  assert.equal(errno('symmetric_tag_pull', tag, buf, 32, out), Errno.invalid_handle, 'pull consumed the tag');

  // In-place AEAD: out and data are the same buffer.
  const [gp, gl] = d.str('AES-256-GCM');
  const gk = d.out('symmetric_key_import', gp, gl, ...d.put(new Uint8Array(32)));
  const opts = d.out('options_open', 1);
  const [np, nl] = d.str('nonce');
  assert.equal(errno('options_set', opts, np, nl, ...d.put(new Uint8Array(12))), 0);
  const gst = d.out('symmetric_state_open', gp, gl, d.opt(gk), d.opt(opts));
  const io = d.put(new Uint8Array(32))[0];
  assert.equal(errno('symmetric_state_encrypt', gst, io, 31, io, 16, out), Errno.overflow, 'data + tag do not fit');
  assert.equal(errno('symmetric_state_encrypt', gst, io, 32, io, 16, out), 0, 'in place');
  assert.equal(hex(d.bytes(io, 32)), 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919');
  const valueBuf = d.put(new Uint8Array(12).fill(0xee))[0];
  assert.equal(errno('symmetric_state_options_get', gst, np, nl, valueBuf, 11, out), Errno.overflow);
  assert.deepEqual(d.bytes(valueBuf, 12), new Uint8Array(12).fill(0xee));
  assert.equal(errno('symmetric_state_options_get', gst, np, nl, valueBuf, 12, out), 0);
  assert.deepEqual(d.bytes(valueBuf, 12), new Uint8Array(12));
  d.witx[Symbol.dispose]();
  assert.equal(host.stats().handles.total, 0);
  host[Symbol.dispose]();
});

test('array_output: length, streaming pulls, consumed at the end; a zero-length buffer is overflow', () => {
  const { host, d, errno } = setup();
  const [hp, hl] = d.str('HMAC/SHA-256');
  const key = d.out('symmetric_key_import', hp, hl, ...d.put(enc('0123456789abcdef0123456789abcdef')));
  const ao = d.out('symmetric_key_export', key);
  assert.equal(d.out('array_output_len', ao), 32);
  const buf = d.alloc(32, 1);
  assert.equal(errno('array_output_pull', ao, buf, 0, d.alloc(4, 4)), Errno.overflow);
  assert.equal(d.out('array_output_pull', ao, buf, 10), 10);
  assert.equal(d.out('array_output_len', ao), 32, 'the total length');
  assert.equal(d.out('array_output_pull', ao, buf + 10, 100), 22);
  assert.equal(Buffer.from(d.bytes(buf, 32)).toString(), '0123456789abcdef0123456789abcdef');
  assert.equal(errno('array_output_len', ao, d.alloc(4, 4)), Errno.invalid_handle, 'consumed');
  d.witx[Symbol.dispose]();
  host[Symbol.dispose]();
});

test('opt_options / opt_symmetric_key: 8-byte tagged structs by pointer; a bad tag is guest_error', () => {
  const { host, d, errno } = setup();
  const [ap, al] = d.str('SHA-256');
  const out = d.alloc(4, 4);
  const bad = d.alloc(8, 4);
  new DataView(d.memory.buffer).setUint8(bad, 2);
  assert.equal(errno('symmetric_state_open', ap, al, bad, d.opt(undefined), out), Errno.guest_error);
  assert.equal(errno('symmetric_state_open', ap, al, d.opt(undefined), bad, out), Errno.guest_error);
  assert.equal(errno('symmetric_state_open', ap, al, d.opt(undefined), d.opt(12345), out), Errno.invalid_handle, 'some(unknown handle)');
  assert.equal(errno('symmetric_state_open', ap, al, d.opt(undefined), d.memory.buffer.byteLength - 4, out), Errno.guest_error, 'the struct is 8 bytes');
  assert.equal(errno('options_open', 3, out), Errno.guest_error, 'algorithm_type 3 does not exist');
  d.witx[Symbol.dispose]();
  host[Symbol.dispose]();
});

test('options_set_guest_buffer: "memory" sets the memory budget of memory-hard functions; other names are unsupported_option', () => {
  const { host, d, errno } = setup();
  const opts = d.out('options_open', 1);
  const [mp, ml] = d.str('memory');
  const scratch = d.alloc(65536 / 2, 8);
  assert.equal(errno('options_set_guest_buffer', opts, mp, ml, scratch, 0x7fffffff), Errno.guest_error, 'the buffer must lie in memory');
  assert.equal(errno('options_set_guest_buffer', opts, ...d.str('scratch'), scratch, 1024), Errno.unsupported_option);
  assert.equal(errno('options_set_guest_buffer', opts, mp, ml, scratch, 32768), 0);
  assert.equal(errno('options_set', opts, ...d.str('salt'), ...d.put(enc('saltsalt'))), 0);
  const [ap, al] = d.str('ARGON2-ID-13');
  const st = d.out('symmetric_state_open', ap, al, d.opt(undefined), d.opt(opts));
  const v = d.alloc(8, 8);
  assert.equal(errno('symmetric_state_options_get_u64', st, ...d.str('memory_limit'), v), 0);
  assert.equal(new DataView(d.memory.buffer).getBigUint64(v, true), 32768n);
  const sig = d.out('options_open', 0);
  assert.equal(errno('options_set_guest_buffer', sig, mp, ml, scratch, 1024), Errno.unsupported_option, 'signature options take no buffer');
  d.witx[Symbol.dispose]();
  host[Symbol.dispose]();
});

test('signatures: signature_state_sign returns a signature handle; verification through imported objects', () => {
  const { host, d, none, errno } = setup();
  const [ap, al] = d.str('Ed25519');
  const kp = d.out('keypair_generate', 0, ap, al, none);
  const st = d.out('signature_state_open', kp);
  assert.equal(errno('signature_state_update', st, ...d.put(enc('message'))), 0);
  const sig = d.out('signature_state_sign', st);
  const raw = d.pull(d.out('signature_export', sig, 0));
  assert.equal(raw.length, 64);
  assert.equal(errno('array_output_len', sig, d.alloc(4, 4)), Errno.invalid_handle, 'a signature is not an array_output');
  const pk = d.out('keypair_publickey', kp);
  const vst = d.out('signature_verification_state_open', pk);
  assert.equal(errno('signature_verification_state_update', vst, ...d.put(enc('message'))), 0);
  assert.equal(errno('signature_verification_state_verify', vst, sig), 0);
  assert.equal(errno('signature_verification_state_verify', vst, kp), Errno.invalid_handle, 'a key pair is not a signature');
  assert.equal(errno('keypair_export', kp, 9, d.alloc(4, 4)), Errno.guest_error, 'keypair_encoding 9 does not exist');
  d.witx[Symbol.dispose]();
  assert.equal(host.stats().handles.total, 0);
  host[Symbol.dispose]();
});

test('managed keys: store writes the 16-byte id, id returns (size, version), from_id(latest), replace closes the old handle', () => {
  const { host, d, none, errno } = setup();
  const sm = d.out('secrets_manager_open', none);
  const [hp, hl] = d.str('HMAC/SHA-256');
  const key = d.out('symmetric_key_import', hp, hl, ...d.put(new Uint8Array(32).fill(1)));
  const small = d.alloc(8, 1);
  assert.equal(errno('symmetric_key_store_managed', sm, key, small, 8), Errno.overflow, 'ids are 16 bytes');
  const idBuf = d.alloc(16, 1);
  assert.equal(errno('symmetric_key_store_managed', sm, key, idBuf, 16), 0);
  const id = d.bytes(idBuf, 16);
  const managed = d.out('symmetric_key_from_id', sm, ...d.put(id), VERSION_LATEST);
  const idOut = d.alloc(32, 1);
  const sizeOut = d.alloc(4, 4);
  const versionOut = d.alloc(8, 8);
  assert.equal(errno('symmetric_key_id', managed, idOut, 32, sizeOut, versionOut), 0);
  assert.equal(d.u32(sizeOut), 16);
  assert.deepEqual(d.bytes(idOut, 16), id);
  const v1 = new DataView(d.memory.buffer).getBigUint64(versionOut, true);
  const newKey = d.out('symmetric_key_import', hp, hl, ...d.put(new Uint8Array(32).fill(2)));
  const vOut = d.alloc(8, 8);
  assert.equal(errno('symmetric_key_replace_managed', sm, managed, newKey, vOut), 0);
  assert.ok(new DataView(d.memory.buffer).getBigUint64(vOut, true) > v1);
  assert.equal(errno('symmetric_key_close', managed), Errno.closed, 'the old handle was closed');
  assert.equal(errno('symmetric_key_id', key, idOut, 32, sizeOut, versionOut), Errno.unsupported_feature, 'an unmanaged key has no id');
  d.witx[Symbol.dispose]();
  host[Symbol.dispose]();
});

test('external secrets and KEMs return their bytes through array_output', () => {
  const { host, d, none, errno } = setup();
  const sm = d.out('secrets_manager_open', none);
  const secret = enc('a secret value');
  const idBuf = d.alloc(16, 1);
  assert.equal(errno('external_secret_store', sm, ...d.put(secret), 4102444800n, idBuf, 15), Errno.overflow);
  assert.equal(errno('external_secret_store', sm, ...d.put(secret), 4102444800n, idBuf, 16), 0);
  const got = d.pull(d.out('external_secret_from_id', sm, ...d.put(d.bytes(idBuf, 16)), VERSION_LATEST));
  assert.deepEqual(got, secret);
  const wrapped = d.pull(d.out('external_secret_encapsulate', sm, ...d.put(secret), 4102444800n));
  assert.deepEqual(d.pull(d.out('external_secret_decapsulate', sm, ...d.put(wrapped))), secret);

  const [kp, kl] = d.str('ML-KEM-768');
  const keypair = d.out('keypair_generate', 2, kp, kl, none);
  const pk = d.out('keypair_publickey', keypair);
  const sk = d.out('keypair_secretkey', keypair);
  const outs = d.alloc(8, 4);
  assert.equal(errno('kx_encapsulate', pk, outs, outs + 4), 0);
  const shared = d.pull(d.u32(outs));
  const ct = d.pull(d.u32(outs + 4));
  assert.equal(shared.length, 32);
  assert.equal(ct.length, 1088);
  assert.deepEqual(d.pull(d.out('kx_decapsulate', sk, ...d.put(ct))), shared);
  d.witx[Symbol.dispose]();
  assert.equal(host.stats().handles.total, 0);
  host[Symbol.dispose]();
});

test('a witx instance is isolated: handles of one are unknown to another on the same host', () => {
  using host = createCryptoHost();
  using a = createWitxImports(host);
  using b = createWitxImports(host);
  const mem = newMemory(1);
  a.bindMemory(mem);
  b.bindMemory(mem);
  assert.equal(a.imports.wasi_ephemeral_crypto_common.options_open!(1, 16), 0);
  const h = new DataView(mem.buffer).getUint32(16, true);
  assert.equal(b.imports.wasi_ephemeral_crypto_common.options_close!(h), Errno.invalid_handle);
  assert.equal(a.imports.wasi_ephemeral_crypto_common.options_close!(h), 0);
  // Before bindMemory, every pointer is guest_error.
  using c = createWitxImports(host);
  assert.equal(c.imports.wasi_ephemeral_crypto_common.options_open!(1, 16), Errno.guest_error);
});
