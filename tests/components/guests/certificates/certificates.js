// Test guest for tests/certificates/e2e.test.ts: a device verifies a backend's certificate chain
// against a trust-store slot, then verifies a signature with the leaf's public key
// (docs/certificates.md). Built with QuickJS only (scripts/build-guests.mjs).
//
//   certificates verify STORE LEAF INTER TIME PEER MSG SIG [KEY]
//       STORE  the trust-store slot to open (e.g. "backend")
//       LEAF   the leaf certificate, DER as hex; INTER the intermediate, DER as hex
//       TIME   the verification time (UNIX seconds)
//       PEER   the expected DNS name of the leaf
//       MSG    the signed message (hex); SIG its raw signature (hex) by the leaf's key
//       KEY    optional: the leaf's secret key, PKCS#8 DER as hex (test only), to show that a key
//              pair built from the certificate's public key and its own secret key cannot sign
//   prints
//       anchors: <n enabled members of STORE>
//       verify: ok <chain length> | verify: <verify-result case>
//       detail: <last-detail>                     (only when verify failed)
//       chain[i]: <subject>                        (leaf first, anchor last; only when ok)
//       key: <algorithm of the leaf's public key>
//       signature: ok | signature: <error case>
//       tampered: <error case of the same signature over a modified message>
//       sign-with-certificate-key: <error case>    (only with KEY: the certificate's key must not sign)
//
// Every handle is dropped before `run` returns; a failure to do so shows in the host's count.
import { Certificate, TrustStore, VerificationContext } from 'wasi:crypto/certificates@0.12.0-draft';
import { Keypair, Secretkey } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import { verify, sign } from 'wasi:crypto/signatures@0.12.0-draft';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

function fromHex(text, what) {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new UsageError(`${what} must be hex`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
  return out;
}

let stdout;
function print(line) {
  stdout ??= getStdout();
  const bytes = ascii(line + '\n');
  for (let off = 0; off < bytes.length; off += 4096) stdout.blockingWriteAndFlush(bytes.subarray(off, off + 4096));
}

function errorCase(e) {
  return e !== null && typeof e === 'object' && 'payload' in e ? String(e.payload) : `exception: ${e}`;
}

class UsageError extends Error {}

function verifyScenario(storeName, leafHex, interHex, time, peer, msgHex, sigHex, keyHex) {
  if (sigHex === undefined) throw new UsageError('usage: certificates verify STORE LEAF INTER TIME PEER MSG SIG');
  const handles = [];
  const keep = (h) => {
    handles.push(h);
    return h;
  };
  try {
    const store = keep(TrustStore.open(storeName));
    print(`anchors: ${store.members().filter((m) => m.enabled).length}`);
    const leaf = keep(Certificate.parse(fromHex(leafHex, 'LEAF'), 'der'));
    const inter = keep(Certificate.parse(fromHex(interHex, 'INTER'), 'der'));
    const ctx = keep(VerificationContext.create());
    ctx.setLeaf(leaf);
    ctx.addChainCertificate(inter);
    ctx.setTrustStore(store);
    // QuickJS (componentize-qjs) passes u64 as a JS number; StarlingMonkey would need a BigInt.
    ctx.setTime(Number(time));
    ctx.addPeerName({ kind: 'dns', value: peer });
    ctx.addExtendedKeyUsage('1.3.6.1.5.5.7.3.1');
    const result = ctx.verify();
    if (result.tag !== 'ok') {
      print(`verify: ${result.val}`);
      print(`detail: ${ctx.lastDetail()}`);
      return;
    }
    const chain = result.val;
    for (const c of chain) keep(c);
    print(`verify: ok ${chain.length}`);
    chain.forEach((c, i) => print(`chain[${i}]: ${c.subject()}`));
    const pk = keep(chain[0].publicKey(undefined));
    print(`key: ${pk.algorithm()}`);
    const msg = fromHex(msgHex, 'MSG');
    const sig = fromHex(sigHex, 'SIG');
    try {
      verify(pk, msg, sig);
      print('signature: ok');
    } catch (e) {
      print(`signature: ${errorCase(e)}`);
    }
    const tampered = Uint8Array.from(msg);
    tampered[0] ^= 1;
    try {
      verify(pk, tampered, sig);
      print('tampered: ok (WRONG)');
    } catch (e) {
      print(`tampered: ${errorCase(e)}`);
    }
    if (keyHex !== undefined) {
      // The certificate's public key with its own secret key: the pair inherits verify-only.
      try {
        const sk = keep(Secretkey.import('signatures', pk.algorithm(), fromHex(keyHex, 'KEY'), 'pkcs8'));
        const kp = keep(Keypair.fromPkAndSk(pk, sk));
        sign(kp, msg);
        print('sign-with-certificate-key: ok (WRONG)');
      } catch (e) {
        print(`sign-with-certificate-key: ${errorCase(e)}`);
      }
    }
  } finally {
    for (const h of handles.reverse()) h[Symbol.dispose]();
  }
}

const SCENARIOS = { verify: verifyScenario };

export const run = {
  run() {
    const [, scenario, ...args] = getArguments();
    const fn = SCENARIOS[scenario];
    try {
      if (!fn) throw new UsageError(`usage: certificates <${Object.keys(SCENARIOS).join('|')}> [args]`);
      fn(...args);
    } catch (e) {
      print(e instanceof UsageError ? e.message : `${scenario}: FAILED: ${e && e.stack ? e.stack : errorCase(e)}`);
      throw 'failed';
    }
  },
};
