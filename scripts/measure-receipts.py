#!/usr/bin/env python3
"""Receipt lookup latency (docs/benchmarks.md, "Receipt lookups"): fills one block of N open transfers on a running
manual node, then C concurrent clients GET /chains/aka/transactions/{id} of random entries of it for S seconds.
Usage: scripts/measure-receipts.py http://127.0.0.1:PORT ADMIN_KEY [N=10000] [C=16] [S=20]"""
import http.client, json, random, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

url, key = sys.argv[1], sys.argv[2]
n, clients, seconds = (int(sys.argv[3]) if len(sys.argv) > 3 else 10000), (int(sys.argv[4]) if len(sys.argv) > 4 else 16), (int(sys.argv[5]) if len(sys.argv) > 5 else 20)
host, port = url.split("//")[1].split(":")
local = threading.local()

def request(method, path, body=None, headers=None):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(host, int(port), timeout=120)
    data = json.dumps(body).encode() if body is not None else None
    h = {"Content-Type": "application/json"} if data else {}
    h.update(headers or {})
    local.conn.request(method, path, body=data, headers=h)
    r = local.conn.getresponse()
    return r.status, r.read()

def post(i):
    status, body = request("POST", "/transactions/new", {"sender": f"s{i % 97}", "amount": i + 1, "recipient": "bob"})
    assert status == 201, body
    return json.loads(body)["id"]

with ThreadPoolExecutor(32) as pool:
    ids = list(pool.map(post, range(n)))
status, body = request("POST", "/chains/aka/forge", headers={"x-functions-key": key})
block = json.loads(body)
print(f"block {block['index']}: {block['tx_count']} transactions", flush=True)
in_block = {json.loads(t)["id"] if isinstance(t, str) else t["id"] for t in block["transactions"]}
ids = [i for i in ids if i in in_block]

latencies, stop = [], time.monotonic() + seconds
lock = threading.Lock()
def client():
    mine = []
    while time.monotonic() < stop:
        started = time.perf_counter()
        status, body = request("GET", f"/chains/aka/transactions/{random.choice(ids)}")
        assert status == 200 and b"audit_path" in body, body
        mine.append(time.perf_counter() - started)
    with lock:
        latencies.extend(mine)
request("GET", f"/chains/aka/transactions/{ids[0]}")  # warm-up
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"{len(latencies)} lookups in {seconds} s ({len(latencies) / seconds:.0f}/s) by {clients} clients: "
      f"p50 {pct(0.50):.1f} ms, p99 {pct(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms")
