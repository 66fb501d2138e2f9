// Small DOM helpers: elements are built with properties and text nodes only (never innerHTML), so nothing a node
// serves can become markup or script.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const link = (href, ...children) => el("a", { href }, ...children);

/** A hash or id shortened for the eye, whole in its title and for copy. */
export function short(text, keep = 10) {
  if (typeof text !== "string" || text.length <= keep * 2 + 1) return el("code", {}, text ?? "");
  return el("code", { title: text, class: "hash" }, `${text.slice(0, keep)}…${text.slice(-6)}`);
}

export function age(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export const time = (ms) => el("time", { datetime: new Date(ms).toISOString(), title: new Date(ms).toISOString() }, age(ms));

/** A definition list of [label, value] pairs. */
export function facts(pairs) {
  return el("dl", { class: "facts" }, pairs.filter(Boolean).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

/** A table with a caption, column headers and rows (or a tbody), scrollable on its own on narrow screens. */
export function table(caption, headers, rows, attrs = {}) {
  const body = rows.length === 1 && rows[0] instanceof HTMLTableSectionElement ? rows[0] : el("tbody", {}, rows);
  return el("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption },
    el("table", attrs,
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
      body));
}

/** "verified" or "NOT verified: reason", for one check. */
export function verdict(label, result) {
  const state = result.ok ? "ok" : result.pending ? "pending" : "bad";
  const shown = result.detail ? `verified: ${result.detail}` : "verified";
  const text = result.ok ? shown : result.pending ? `not checked: ${result.reason}` : `NOT verified: ${result.reason}`;
  return el("li", { class: `verdict ${state}`, "data-check": label },
    el("span", { class: "verdict-label" }, label), " ", el("span", { class: "verdict-text" }, text));
}

/** Exact decimal subtraction of two amount strings (money is never a float). */
export function subtractAmounts(a, b) {
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const scale = Math.max(af.length, bf.length);
  const n = BigInt(ai + af.padEnd(scale, "0")) - BigInt(bi + bf.padEnd(scale, "0"));
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
}
