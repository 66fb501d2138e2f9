// New blocks without reloading. Server-Sent Events first (GET /chains/{c}/events: the self-host streams them);
// if no "hello" arrives within a few seconds — a host or proxy that buffers responses, as the Functions host
// does — it polls the block page after the last known index with If-None-Match instead, which answers 304 until
// the head moves. Either way blocks are asked for by index after the last one shown, strictly in order, so none
// is shown twice and none is skipped.
import { ApiError } from "./api.js";

const helloWithin = 4000;
const pollEvery = 2000;

export function follow(chainId, lastKnown, onBlocks, onMode, onError) {
  const base = `/chains/${encodeURIComponent(chainId)}`;
  let last = lastKnown;
  let busy = false;
  let again = false;
  let etag = null;
  let source = null;
  let timer = null;

  async function pull() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch(`${base}/blocks?from=${last + 1}&limit=100`, {
          cache: "no-store",
          headers: etag ? { "if-none-match": etag } : {},
        });
        if (response.status === 304) break;
        if (!response.ok) throw new ApiError(response.status, response.statusText, "while following new blocks");
        etag = response.headers.get("etag");
        const page = await response.json();
        const fresh = [];
        for (const b of page.blocks) {
          if (b.index === last + 1 + fresh.length) fresh.push(b);
        }
        if (fresh.length) {
          last = fresh.at(-1).index;
          await onBlocks(fresh);
        }
        if (page.next !== null && fresh.length) again = true;
      } while (again);
    } catch (e) {
      onError(e);
    } finally {
      busy = false;
    }
  }

  function poll() {
    source?.close();
    source = null;
    onMode("polling every 2 s (If-None-Match)");
    pull();
    timer = setInterval(pull, pollEvery);
  }

  if (typeof EventSource === "function") {
    let hello = false;
    source = new EventSource(`${base}/events`);
    const fallback = setTimeout(() => hello || poll(), helloWithin);
    source.addEventListener("hello", () => {
      if (!hello) {
        hello = true;
        clearTimeout(fallback);
        onMode("server-sent events");
      }
    });
    source.addEventListener("head", (e) => {
      if (JSON.parse(e.data).height > last) pull();
    });
    source.addEventListener("error", () => {
      if (!hello) {
        clearTimeout(fallback);
        poll();
      }
    });
  } else {
    poll();
  }

  return () => {
    source?.close();
    clearInterval(timer);
  };
}
