// The node's JSON API, same origin only. A problem+json answer becomes an Error carrying its title and detail.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(`${status} ${title}${detail ? `: ${detail}` : ""}`);
    this.status = status;
  }
}

export async function getJson(path, init = {}) {
  const response = await fetch(path, { headers: { accept: "application/json" }, ...init });
  if (!response.ok) {
    let title = response.statusText;
    let detail = "";
    try {
      const problem = await response.json();
      title = problem.title ?? title;
      detail = problem.detail ?? "";
    } catch {
      // not problem+json: the status line says enough
    }
    throw new ApiError(response.status, title, detail);
  }
  return response.json();
}

export const chains = () => getJson("/chains").then((j) => j.chains);
export const chain = (id) => getJson(`/chains/${encodeURIComponent(id)}`);
export const block = (id, index) => getJson(`/chains/${encodeURIComponent(id)}/blocks/${index}`);
export const transaction = (id, tx) => getJson(`/chains/${encodeURIComponent(id)}/transactions/${encodeURIComponent(tx)}`);
export const account = (id, address) => getJson(`/chains/${encodeURIComponent(id)}/accounts/${encodeURIComponent(address)}`);

export function accountHistory(id, address, cursor) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return getJson(`/chains/${encodeURIComponent(id)}/accounts/${encodeURIComponent(address)}/transactions${query}`);
}

/** Blocks from..to (inclusive), following `next` across pages. */
export async function blocks(id, from, to) {
  const all = [];
  let at = Math.max(1, from);
  while (at <= to) {
    const page = await getJson(`/chains/${encodeURIComponent(id)}/blocks?from=${at}&limit=${Math.min(1000, to - at + 1)}`);
    all.push(...page.blocks);
    if (page.blocks.length === 0 || page.next === null) break;
    at = page.next;
  }
  return all;
}
