// What the explorer checks itself, with WebCrypto, before it calls anything "verified" (SPEC §7):
// the block hash (SHA-256 of the canonical header), the BPSC signature (ECDSA P-256, IEEE P1363 r‖s, over the
// canonical header, against the chain's bpsc_public_key) and Merkle trees and inclusion proofs (RFC 6962).
// Every check answers { ok: true } or { ok: false, reason }; the page shows the reason as it is.
import { canonicalBytes, headerOf } from "./jcs.js";

const subtle = globalThis.crypto?.subtle;
const noCrypto = "WebCrypto is unavailable: this page is not a secure context (open it over HTTPS or from localhost)";

export const ok = { ok: true };
export const fail = (reason) => ({ ok: false, reason });

export function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(text) {
  if (typeof text !== "string" || !/^([0-9a-f]{2})*$/.test(text)) {
    throw new Error(`not lowercase hex: ${String(text).slice(0, 80)}`);
  }
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function fromBase64Url(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new Error("not unpadded base64url");
  }
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle.digest("SHA-256", all));
}

const leafPrefix = Uint8Array.of(0);
const nodePrefix = Uint8Array.of(1);

export const leafHash = (entry) => sha256(leafPrefix, canonicalBytes(entry));
const nodeHash = (left, right) => sha256(nodePrefix, left, right);

/** RFC 6962 Merkle Tree Hash of leaf hashes: split at the largest power of two below n. */
async function treeHash(leaves) {
  if (leaves.length === 0) {
    return sha256();
  }
  if (leaves.length === 1) {
    return leaves[0];
  }
  let k = 1;
  while (k * 2 < leaves.length) {
    k *= 2;
  }
  return nodeHash(await treeHash(leaves.slice(0, k)), await treeHash(leaves.slice(k)));
}

/** The block's hash: SHA-256 of its canonical header equals the hash it carries. */
export async function checkHash(block) {
  if (!subtle) return fail(noCrypto);
  try {
    const computed = hex(await sha256(canonicalBytes(headerOf(block))));
    return computed === block.hash ? ok
      : fail(`the header hashes to ${computed}, but the block says ${block.hash}`);
  } catch (e) {
    return fail(`the header cannot be canonicalized: ${e.message}`);
  }
}

const keys = new Map();

async function importKey(spki) {
  if (!keys.has(spki)) {
    keys.set(spki, subtle.importKey("spki", fromBase64Url(spki), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
  }
  return keys.get(spki);
}

/** The BPSC's ECDSA P-256 signature over the canonical header, with the chain's bpsc_public_key. */
export async function checkSignature(block, publicKey) {
  if (!subtle) return fail(noCrypto);
  if (!publicKey) return fail("the chain names no BPSC public key");
  let key;
  try {
    key = await importKey(publicKey);
  } catch (e) {
    return fail(`the chain's bpsc_public_key is not a P-256 SubjectPublicKeyInfo (${e.message})`);
  }
  let signature;
  try {
    signature = fromBase64Url(block.signature);
  } catch {
    return fail("the signature is not base64url");
  }
  if (signature.length !== 64) {
    return fail(`the signature is ${signature.length} bytes; a P1363 P-256 signature is 64`);
  }
  const good = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, canonicalBytes(headerOf(block)));
  return good ? ok : fail("the signature does not match the header under the chain's BPSC key");
}

/** The entries as served hash (RFC 6962) to the header's merkle_root, and their count is tx_count. */
export async function checkMerkleRoot(block) {
  if (!subtle) return fail(noCrypto);
  const entries = block.transactions ?? [];
  if (entries.length !== block.tx_count) {
    return fail(`the block holds ${entries.length} entries, but its header says tx_count ${block.tx_count}`);
  }
  try {
    const root = hex(await treeHash(await Promise.all(entries.map(leafHash))));
    return root === block.merkle_root ? ok
      : fail(`the entries hash to Merkle root ${root}, but the header says ${block.merkle_root}`);
  } catch (e) {
    return fail(`an entry cannot be canonicalized: ${e.message}`);
  }
}

/** All three checks of one block. */
export async function checkBlock(block, publicKey) {
  const [hash, signature, merkle] = await Promise.all([checkHash(block), checkSignature(block, publicKey), checkMerkleRoot(block)]);
  return { hash, signature, merkle, all: hash.ok && signature.ok && merkle.ok };
}

/** RFC 9162 §2.1.3.2: the entry, with the proof's audit path, reaches merkleRoot at leaf_index of tree_size. */
export async function checkInclusion(entry, proof, merkleRoot) {
  if (!subtle) return fail(noCrypto);
  if (!proof || !Number.isInteger(proof.leaf_index) || !Number.isInteger(proof.tree_size) || !Array.isArray(proof.audit_path)) {
    return fail("the receipt carries no inclusion proof");
  }
  if (proof.leaf_index < 0 || proof.leaf_index >= proof.tree_size) {
    return fail(`leaf ${proof.leaf_index} is outside a tree of ${proof.tree_size}`);
  }
  let fn = proof.leaf_index;
  let sn = proof.tree_size - 1;
  let r;
  try {
    r = await leafHash(entry);
    for (const step of proof.audit_path) {
      const p = fromHex(step);
      if (sn === 0) {
        return fail("the audit path is longer than the tree is deep");
      }
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = await nodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
  } catch (e) {
    return fail(`the proof cannot be checked: ${e.message}`);
  }
  if (sn !== 0) {
    return fail("the audit path is shorter than the tree is deep");
  }
  const root = hex(r);
  return root === merkleRoot ? ok : fail(`the entry and its audit path reach Merkle root ${root}, but the block says ${merkleRoot}`);
}

const utf8 = new TextEncoder();

function fromBase64(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new Error("not padded base64");
  }
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** A C2SP signed-note verifier key `name+keyid+base64(type ‖ key)` of an Ed25519 log (type 0x01). */
async function parseLogVkey(text) {
  const first = String(text).indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  const [name, keyId, material] = first > 0 && second === first + 9
    ? [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)]
    : [];
  let bytes = null;
  try {
    bytes = material === undefined ? null : fromBase64(material);
  } catch {
    bytes = null;
  }
  if (!name || !/^[0-9a-f]{8}$/.test(keyId) || !bytes || bytes.length !== 33 || bytes[0] !== 1) {
    throw new Error("log_verifier_key is not an Ed25519 signed-note vkey");
  }
  // The key id is the first 4 bytes of SHA-256(name ‖ "\n" ‖ type ‖ key): a vkey that disagrees is refused.
  const id = hex((await sha256(utf8.encode(name), Uint8Array.of(0x0a), bytes)).slice(0, 4));
  if (id !== keyId) {
    throw new Error(`log_verifier_key's key id ${keyId} is not that of its name and key (${id})`);
  }
  return { name, keyId, key: bytes.slice(1) };
}

// Issue 13, witnessed logs: the chain's latest checkpoint (C2SP tlog-checkpoint on a signed note) is fetched and its
// Ed25519 log signature verified with WebCrypto against the chain's log_verifier_key. Witness cosignatures are
// counted, not verified: the page cannot know which witnesses its reader trusts (the CLI takes --witness for that).
export async function checkCheckpoint(chainInfo, fetchText = defaultFetchText) {
  if (!chainInfo?.log_verifier_key) {
    return { ok: false, pending: true, reason: "this node serves no checkpoint for the chain (it has no log key)" };
  }
  if (!subtle) return fail(noCrypto);
  let vkey;
  try {
    vkey = await parseLogVkey(chainInfo.log_verifier_key);
  } catch (e) {
    return fail(e.message);
  }
  let note;
  try {
    note = await fetchText(`/chains/${encodeURIComponent(chainInfo.id)}/checkpoint`);
  } catch (e) {
    return fail(`the checkpoint cannot be fetched: ${e.message}`);
  }
  const split = note.lastIndexOf("\n\n");
  if (!note.endsWith("\n") || split < 0) return fail("the checkpoint is not a signed note");
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split("\n");
  const signatures = note.slice(split + 2, -1).split("\n");
  if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) return fail("the note is not a checkpoint");
  const [origin, size, root] = lines;
  if (origin !== vkey.name) return fail(`the checkpoint's origin ${origin} is not the log key's name ${vkey.name}`);
  const mine = signatures.filter((line) => line.startsWith(`\u2014 ${vkey.name} `));
  let key;
  try {
    key = await subtle.importKey("raw", vkey.key, { name: "Ed25519" }, false, ["verify"]);
  } catch (e) {
    return { ok: false, pending: true, reason: `this browser's WebCrypto has no Ed25519 (${e.message})` };
  }
  let verified = false;
  for (const line of mine) {
    let blob;
    try {
      blob = fromBase64(line.slice(line.lastIndexOf(" ") + 1));
    } catch {
      return fail("a log signature line is not base64");
    }
    if (hex(blob.slice(0, 4)) !== vkey.keyId) continue;
    if (blob.length !== 68 || !await subtle.verify({ name: "Ed25519" }, key, blob.slice(4), utf8.encode(text))) {
      return fail("the checkpoint's log signature does not verify under the chain's log_verifier_key");
    }
    verified = true;
  }
  if (!verified) return fail(`the checkpoint carries no signature of the log key ${vkey.name}`);
  const cosignatures = signatures.length - mine.length;
  const witnessed = cosignatures > 0 ? ` (${cosignatures} witness cosignature(s), not checked here)` : "";
  return { ok: true, detail: `size ${size}, root ${root}, signed by ${origin}${witnessed}` };
}

async function defaultFetchText(path) {
  const response = await fetch(path, { headers: { accept: "text/plain" } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.text();
}
