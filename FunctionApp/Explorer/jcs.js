// RFC 8785 (JSON Canonicalization Scheme): the bytes SmartChain hashes and signs (SPEC §7).
// JSON.stringify already writes numbers (ECMAScript Number-to-String) and strings exactly as RFC 8785 asks;
// what it does not do is sort members (by UTF-16 code units, which JavaScript's default sort compares) and refuse
// what I-JSON forbids (lone surrogates, non-finite numbers).

export function canonicalize(value) {
  if (value === null || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new Error(`RFC 8785 has no form for the number ${value}`);
    }
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    if (!value.isWellFormed()) {
      throw new Error("RFC 8785 refuses a string with a lone surrogate");
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return "[" + value.map(canonicalize).join(",") + "]";
  }
  if (typeof value === "object") {
    const keys = Object.keys(value).sort();
    return "{" + keys.map((k) => canonicalize(k) + ":" + canonicalize(value[k])).join(",") + "}";
  }
  throw new Error(`RFC 8785 has no form for a ${typeof value}`);
}

export function canonicalBytes(value) {
  return new TextEncoder().encode(canonicalize(value));
}

/** The header fields a block's hash and signature cover (SPEC §7). */
export function headerOf(block) {
  const { chain, index, timestamp_ms, previous_hash, merkle_root, tx_count } = block;
  return { chain, index, timestamp_ms, previous_hash, merkle_root, tx_count };
}
