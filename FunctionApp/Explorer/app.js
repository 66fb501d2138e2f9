// The explorer: one page, routed by its own URL (each view is a shareable path under /explorer/).
//   /                                   every chain
//   /explorer/{chain}[?before=N]        a chain's blocks, newest first, 20 a page; live on the newest page
//   /explorer/{chain}/blocks/{index}    a block: header, signature, entries, Merkle root, all verified here
//   /explorer/{chain}/transactions/{id} a transaction: status (live while pending), block, position, proof
//   /explorer/{chain}/accounts/{addr}   a ledger account: balance, reserved, spendable, nonce, history
//   /explorer?q=…&chain=…               search: block index, transaction id or address
import * as api from "./api.js";
import { barChart, lineChart } from "./chart.js";
import { follow } from "./live.js";
import { age, el, facts, link, short, subtractAmounts, table, time, verdict } from "./ui.js";
import { checkBlock, checkCheckpoint, checkInclusion } from "./verify.js";

const pageSize = 20;
const main = document.getElementById("main");
const errors = document.getElementById("errors");

// Errors are shown, never swallowed: anything thrown and not handled lands in the banner (and the console).
function showError(message) {
  errors.hidden = false;
  errors.append(el("p", {}, `Error: ${message}`));
}
window.addEventListener("error", (e) => showError(e.message || String(e.error)));
window.addEventListener("unhandledrejection", (e) => showError(e.reason?.message ?? String(e.reason)));
const reportError = (e) => {
  console.error(e);
  showError(e?.message ?? String(e));
};

const chainPath = (c) => `/explorer/${encodeURIComponent(c)}`;
const blockPath = (c, i) => `${chainPath(c)}/blocks/${i}`;
const txPath = (c, id) => `${chainPath(c)}/transactions/${encodeURIComponent(id)}`;
const accountPath = (c, a) => `${chainPath(c)}/accounts/${encodeURIComponent(a)}`;
const isAddress = (s) => /^[0-9a-f]{40}$/.test(s);

function render(title, ...children) {
  document.title = `${title} · SmartChain explorer`;
  main.replaceChildren(...children.flat().filter(Boolean));
}

function verdicts(label, items) {
  return el("ul", { class: "verdicts", "aria-label": label }, items);
}

async function fillSearchChains(list, selected) {
  const select = document.getElementById("search-chain");
  for (const c of list) select.append(el("option", { value: c.id, selected: c.id === selected }, c.id));
}

// ---- home ----------------------------------------------------------------------------------------------------

async function home() {
  const list = await api.chains();
  await fillSearchChains(list);
  const recent = await Promise.all(list.map((c) => api.blocks(c.id, c.height - 29, c.height)));
  const rows = list.map((c, i) => {
    const last = recent[i].at(-1);
    return el("tr", {},
      el("th", { scope: "row" }, link(chainPath(c.id), c.id)),
      el("td", {}, c.kind), el("td", {}, c.mode ?? "—"), el("td", { class: "num" }, c.height),
      el("td", {}, last ? time(last.timestamp_ms) : "—"),
      el("td", {}, c.producer.kind === "local" ? "this node (BPSC)" : `replica of ${c.producer.url}`),
      el("td", { class: "chart-cell" }, barChart(`Transactions per block, last ${recent[i].length} blocks of ${c.id}`,
        recent[i].map((b) => b.tx_count))));
  });
  render("Chains",
    el("h1", {}, "Chains on this node"),
    table("Every chain this node holds", ["Chain", "Kind", "Mode", "Height", "Last block", "Producer", "Transactions per block"],
      rows, { class: "chains" }));
}

// ---- a chain -------------------------------------------------------------------------------------------------

async function chainView(chainId, params) {
  const info = await api.chain(chainId);
  await fillSearchChains(await api.chains(), chainId);
  const before = params.has("before") ? Number(params.get("before")) : null;
  if (before !== null && !(Number.isInteger(before) && before >= 1)) {
    throw new Error("?before= takes a block index ≥ 1");
  }
  const top = Math.min(before ?? info.height, info.height);
  const shown = await api.blocks(chainId, top - pageSize + 1, top);
  const checks = new Map();
  const body = el("tbody", {});
  const charts = el("div", { class: "charts" });
  const liveStatus = el("p", { class: "live", role: "status" }, before === null ? "live: connecting…" : "not live (an older page)");

  async function row(b) {
    const result = checkBlock(b, info.bpsc_public_key);
    checks.set(b.index, result);
    const state = el("td", { class: "verify" }, "checking…");
    result.then((r) => state.replaceChildren(r.all ? el("span", { class: "ok" }, "verified")
      : el("span", { class: "bad" }, `NOT verified: ${[r.hash, r.signature, r.merkle].find((x) => !x.ok).reason}`)));
    return el("tr", { "data-index": b.index },
      el("th", { scope: "row" }, link(blockPath(chainId, b.index), `#${b.index}`)),
      el("td", {}, time(b.timestamp_ms)), el("td", { class: "num" }, b.tx_count), el("td", {}, short(b.hash)), state);
  }

  function drawCharts() {
    const ordered = [...shown].sort((a, b) => a.index - b.index);
    const intervals = ordered.slice(1).map((b, i) => (b.timestamp_ms - ordered[i].timestamp_ms) / 1000);
    charts.replaceChildren(
      barChart("Transactions per block", ordered.map((b) => b.tx_count)),
      lineChart("Block interval", intervals, " s"));
  }

  for (const b of [...shown].reverse()) body.append(await row(b));
  drawCharts();

  const oldest = shown[0]?.index ?? 1;
  const pager = el("nav", { class: "pager", "aria-label": "Block pages" },
    before !== null ? link(chainPath(chainId), "Newest blocks") : null,
    before !== null && top + pageSize <= info.height ? link(`${chainPath(chainId)}?before=${top + pageSize}`, "Newer") : null,
    oldest > 1 ? link(`${chainPath(chainId)}?before=${oldest - 1}`, "Older") : null);

  render(`Chain ${chainId}`,
    el("h1", {}, `Chain ${chainId}`),
    facts([
      ["Kind", info.kind], ["Mode", info.mode ?? "—"], ["Height", el("span", { id: "height" }, info.height)],
      info.decimals !== undefined && ["Decimals", info.decimals],
      info.fee_rate !== undefined && ["Fee rate", `${info.fee_rate} (${info.fee_policy})`],
      ["Producer", info.producer.kind === "local" ? "this node (BPSC)" : `replica of ${info.producer.url}`],
      ["Head hash", short(info.head_hash ?? "")], ["BPSC public key", short(info.bpsc_public_key ?? "", 16)],
      info.note && ["Note", info.note],
    ]),
    liveStatus, charts,
    table(`Blocks of ${chainId}, newest first`, ["Block", "Forged", "Transactions", "Hash", "Checked here"], [body], { class: "blocks" }),
    pager);

  if (before === null) {
    follow(chainId, info.height, async (fresh) => {
      for (const b of fresh) {
        body.prepend(await row(b));
        shown.push(b);
      }
      while (body.children.length > 100) body.lastElementChild.remove();
      document.getElementById("height").textContent = fresh.at(-1).index;
      drawCharts();
    }, (mode) => { liveStatus.textContent = `live: ${mode}`; }, reportError);
  }
}

// ---- a block -------------------------------------------------------------------------------------------------

function entrySummary(tx) {
  if (tx.information !== undefined) return el("code", { class: "json" }, JSON.stringify(tx.information).slice(0, 120));
  const parts = [];
  if (tx.sender) parts.push(el("span", {}, "from ", isAddress(tx.sender) ? short(tx.sender, 8) : tx.sender));
  if (tx.recipient) parts.push(el("span", {}, " to ", isAddress(tx.recipient) ? short(tx.recipient, 8) : tx.recipient));
  if (tx.amount_send) parts.push(el("span", {}, ` · ${tx.amount_send}`));
  if (tx.reason) parts.push(el("span", {}, ` · refund: ${tx.reason}`));
  return parts;
}

async function blockView(chainId, index) {
  if (!/^[1-9][0-9]*$/.test(index)) throw new Error("a block index is an integer ≥ 1");
  const [info, b] = await Promise.all([api.chain(chainId), api.block(chainId, index)]);
  await fillSearchChains(await api.chains(), chainId);
  const [result, checkpoint] = await Promise.all([checkBlock(b, info.bpsc_public_key), checkCheckpoint(info)]);
  const entries = b.transactions ?? [];
  const limit = 200;
  const entryRow = (tx, i) => el("tr", {},
    el("td", { class: "num" }, i),
    el("td", {}, tx.id ? link(txPath(chainId, tx.id), short(tx.id, 8)) : "—"),
    el("td", {}, tx.type), el("td", {}, entrySummary(tx)));
  const body = el("tbody", {}, entries.slice(0, limit).map(entryRow));
  const more = entries.length > limit
    ? el("button", { type: "button", onclick: (e) => {
      body.append(...entries.slice(limit).map((tx, i) => entryRow(tx, i + limit)));
      e.target.remove();
    } }, `Show all ${entries.length} entries`)
    : null;

  render(`Block ${index} of ${chainId}`,
    el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("/", "Chains"), " / ", link(chainPath(chainId), chainId)),
    el("h1", {}, `Block #${b.index} of ${chainId}`),
    verdicts("Checks made in this browser", [
      verdict("Block hash", result.hash), verdict("BPSC signature", result.signature),
      verdict("Merkle root", result.merkle), verdict("Checkpoint", checkpoint)]),
    facts([
      ["Chain", b.chain], ["Index", b.index], ["Forged", `${new Date(b.timestamp_ms).toISOString()} (${age(b.timestamp_ms)})`],
      ["Previous hash", b.index > 1 ? link(blockPath(chainId, b.index - 1), short(b.previous_hash)) : b.previous_hash],
      ["Merkle root", el("code", { class: "wrap" }, b.merkle_root)], ["Transactions", b.tx_count],
      ["Hash", el("code", { class: "wrap" }, b.hash)], ["Signature", el("code", { class: "wrap" }, b.signature)],
    ]),
    el("nav", { class: "pager", "aria-label": "Neighbouring blocks" },
      b.index > 1 ? link(blockPath(chainId, b.index - 1), "Previous block") : null,
      b.index < info.height ? link(blockPath(chainId, b.index + 1), "Next block") : null),
    table(`Entries of block ${b.index}`, ["Position", "Id", "Type", "What"], [body], { class: "entries" }),
    more);
}

// ---- a transaction -------------------------------------------------------------------------------------------

async function transactionView(chainId, id) {
  const info = await api.chain(chainId);
  await fillSearchChains(await api.chains(), chainId);
  const status = el("p", { class: "status", role: "status" });
  const details = el("div", {});
  render(`Transaction ${id}`,
    el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("/", "Chains"), " / ", link(chainPath(chainId), chainId)),
    el("h1", {}, "Transaction"), el("p", {}, el("code", { class: "wrap" }, id)), status, details);

  for (;;) {
    const receipt = await api.transaction(chainId, id);
    status.replaceChildren("Status: ", el("strong", { class: `tx-${receipt.status}` }, receipt.status));
    if (receipt.status === "pending") {
      details.replaceChildren(el("p", {}, "Waiting for a block; this page updates when it is forged."));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      continue;
    }
    const b = await api.block(chainId, receipt.block_index);
    const entry = b.transactions?.[receipt.position];
    const [blockResult, inclusion] = await Promise.all([
      checkBlock(b, info.bpsc_public_key),
      entry === undefined ? { ok: false, reason: `block ${b.index} has no entry at position ${receipt.position}` }
        : entry.id !== id ? { ok: false, reason: `the entry at position ${receipt.position} is ${entry.id}, not this transaction` }
        : checkInclusion(entry, receipt.proof, b.merkle_root),
    ]);
    details.replaceChildren(
      verdicts("Checks made in this browser", [
        verdict("Inclusion proof", inclusion), verdict("Block hash", blockResult.hash),
        verdict("BPSC signature", blockResult.signature)]),
      facts([
        ["Block", link(blockPath(chainId, receipt.block_index), `#${receipt.block_index}`)],
        ["Position", receipt.position],
        receipt.reason && ["Refund reason", receipt.reason],
        receipt.proof && ["Proof", `leaf ${receipt.proof.leaf_index} of ${receipt.proof.tree_size}, ${receipt.proof.audit_path.length} hashes`],
        entry?.sender && isAddress(entry.sender) && info.mode === "ledger" && ["Sender", link(accountPath(chainId, entry.sender), short(entry.sender, 8))],
        entry?.recipient && isAddress(entry.recipient) && info.mode === "ledger" && ["Recipient", link(accountPath(chainId, entry.recipient), short(entry.recipient, 8))],
      ]),
      entry && el("details", { open: true }, el("summary", {}, "The entry as stored in the block"),
        el("pre", { class: "json" }, JSON.stringify(entry, null, 2))));
    return;
  }
}

// ---- an account ----------------------------------------------------------------------------------------------

async function accountView(chainId, address, params) {
  if (!isAddress(address)) throw new Error("an address is 40 lowercase hex characters");
  const info = await api.chain(chainId);
  await fillSearchChains(await api.chains(), chainId);
  if (info.mode !== "ledger") {
    render(`Account ${address}`, el("h1", {}, "Account"),
      el("p", {}, `Chain ${chainId} is not a ledger chain: it keeps no accounts.`));
    return;
  }
  const cursor = params.get("cursor");
  const [acct, page] = await Promise.all([api.account(chainId, address), api.accountHistory(chainId, address, cursor)]);
  const rows = page.transactions.map((t) => {
    const direction = t.type === "refund" ? "refund" : t.sender === address ? "sent"
      : t.recipient === address ? "received" : "fee";
    const other = direction === "sent" ? t.recipient : t.sender;
    return el("tr", {},
      el("td", {}, link(blockPath(chainId, t.block_index), `#${t.block_index}`), ` · ${t.position}`),
      el("td", {}, /^genesis-/.test(t.id) ? t.id : link(txPath(chainId, t.id), short(t.id, 8))),
      el("td", {}, t.type), el("td", {}, el("span", { class: `tx-${t.status}` }, t.status)), el("td", {}, direction),
      el("td", {}, other && isAddress(other) ? link(accountPath(chainId, other), short(other, 8)) : other ?? "—"),
      el("td", { class: "num" }, direction === "fee" ? t.amount_bpsc : direction === "received" ? t.amount_receive : t.amount_send));
  });
  render(`Account ${address}`,
    el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("/", "Chains"), " / ", link(chainPath(chainId), chainId)),
    el("h1", {}, "Account"), el("p", {}, el("code", { class: "wrap" }, address)),
    facts([
      ["Balance", el("span", { id: "balance" }, acct.balance)], ["Reserved", acct.reserved],
      ["Spendable", subtractAmounts(acct.balance, acct.reserved)], ["Next nonce", acct.next_nonce],
    ]),
    table(cursor ? "History (older entries), newest first" : "History, newest first",
      ["Block · position", "Id", "Type", "Status", "Direction", "Counterparty", "Amount"], rows, { class: "history" }),
    rows.length === 0 ? el("p", {}, "No entries in forged blocks yet.") : null,
    el("nav", { class: "pager", "aria-label": "History pages" },
      cursor ? link(accountPath(chainId, address), "Newest entries") : null,
      page.next ? link(`${accountPath(chainId, address)}?cursor=${encodeURIComponent(page.next)}`, "Older") : null));
}

// ---- search --------------------------------------------------------------------------------------------------

async function searchView(params) {
  const q = (params.get("q") ?? "").trim().toLowerCase();
  const only = params.get("chain") ?? "";
  const list = (await api.chains()).filter((c) => !only || c.id === only);
  await fillSearchChains(await api.chains(), only);
  document.getElementById("search-q").value = q;
  const found = [];
  if (/^[0-9]+$/.test(q)) {
    for (const c of list.filter((c) => Number(q) >= 1 && Number(q) <= c.height)) {
      found.push([blockPath(c.id, Number(q)), `Block #${q} of ${c.id}`]);
    }
  } else if (isAddress(q)) {
    for (const c of list.filter((c) => c.mode === "ledger")) found.push([accountPath(c.id, q), `Account ${q} on ${c.id}`]);
  } else if (/^[0-9a-z-]{1,128}$/.test(q)) {
    const answers = await Promise.allSettled(list.map((c) => api.transaction(c.id, q)));
    answers.forEach((a, i) => {
      if (a.status === "fulfilled") found.push([txPath(list[i].id, q), `Transaction on ${list[i].id} (${a.value.status})`]);
      else if (a.reason?.status !== 404) throw a.reason;
    });
  }
  if (found.length === 1) {
    location.replace(found[0][0]);
    return;
  }
  render(`Search ${q}`, el("h1", {}, "Search"),
    found.length ? el("ul", { class: "results" }, found.map(([href, text]) => el("li", {}, link(href, text))))
      : el("p", { class: "nothing" }, `Nothing matches “${q}”${only ? ` on ${only}` : ""}: try a block index, a transaction id or a 40-hex address.`));
}

// ---- routing -------------------------------------------------------------------------------------------------

async function route() {
  const path = location.pathname.replace(/\/+$/, "");
  const params = new URLSearchParams(location.search);
  const parts = path.split("/").slice(2).map(decodeURIComponent);
  if (path === "") return home();
  if (path === "/explorer") return params.has("q") ? searchView(params) : home();
  const [chainId, kind, key, extra] = parts;
  if (parts.length === 1) return chainView(chainId, params);
  if (extra === undefined && kind === "blocks") return blockView(chainId, key);
  if (extra === undefined && kind === "transactions") return transactionView(chainId, key);
  if (extra === undefined && kind === "accounts") return accountView(chainId, key, params);
  throw new Error(`no explorer view at ${location.pathname}`);
}

route().catch((e) => {
  reportError(e);
  render("Error", el("h1", {}, "This view could not be shown"), el("p", { class: "bad" }, e.message), link("/", "Back to every chain"));
});
