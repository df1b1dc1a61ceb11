// RFC 9162 (RFC 6962) Merkle proofs checked in the browser with WebCrypto SHA-256: nothing here trusts the server's verdict.
"use strict";
const GovdxMerkle = (() => {
  const bytes = (s) => {
    if (/^[0-9a-fA-F]{64}$/.test(s)) return Uint8Array.from(s.match(/../g).map((h) => parseInt(h, 16)));
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  };
  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const sha256 = async (b) => new Uint8Array(await crypto.subtle.digest("SHA-256", b));
  const node = (l, r) => { const b = new Uint8Array(1 + l.length + r.length); b[0] = 1; b.set(l, 1); b.set(r, 1 + l.length); return sha256(b); };
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const odd = (n) => n % 2 === 1;
  const half = (n) => Math.floor(n / 2);

  /** The root an inclusion proof leads to from the leaf hash, or null when the proof is malformed. */
  async function rootFromInclusion(index, size, leafHash, proof) {
    if (index >= size) return null;
    let fn = index, sn = size - 1, r = bytes(leafHash);
    for (const p of proof.map(bytes)) {
      if (sn === 0) return null;
      if (odd(fn) || fn === sn) {
        r = await node(p, r);
        if (!odd(fn)) { while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); } }
      } else {
        r = await node(r, p);
      }
      fn = half(fn); sn = half(sn);
    }
    return sn === 0 ? r : null;
  }

  async function verifyInclusion(index, size, leafHash, proof, root) {
    const r = await rootFromInclusion(index, size, leafHash, proof);
    return r !== null && same(r, bytes(root));
  }

  /** RFC 9162 §2.1.4.2: does the tree of size `first` with `firstRoot` grow into `second` with `secondRoot`? */
  async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
    const fh = bytes(firstRoot), sh = bytes(secondRoot);
    if (first === second) return proof.length === 0 && same(fh, sh);
    if (first === 0) return proof.length === 0;
    let path = proof.map(bytes);
    if ((first & (first - 1)) === 0) path = [fh, ...path];
    if (path.length === 0) return false;
    let fn = first - 1, sn = second - 1;
    while (odd(fn)) { fn = half(fn); sn = half(sn); }
    let fr = path[0], sr = path[0];
    for (const c of path.slice(1)) {
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        fr = await node(c, fr); sr = await node(c, sr);
        if (!odd(fn)) { while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); } }
      } else {
        sr = await node(sr, c);
      }
      fn = half(fn); sn = half(sn);
    }
    return same(fr, fh) && same(sr, sh) && sn === 0;
  }

  /** A C2SP checkpoint (signed note): origin, tree size, base64 root hash. */
  function parseCheckpoint(text) {
    const lines = String(text || "").split("\n");
    return { origin: lines[0], size: Number(lines[1]), root: lines[2] ? hex(bytes(lines[2])) : null };
  }

  return { verifyInclusion, verifyConsistency, parseCheckpoint, hex, bytes };
})();
