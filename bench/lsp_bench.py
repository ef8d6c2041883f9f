#!/usr/bin/env python3
"""Latency of `vaultnet lsp` on a generated vault (not a timed test).

Usage: bench/lsp_bench.py VAULTNET_BIN VAULT [RUNS]

VAULT is a vault made by `cargo run --release --example gen_vault -- VAULT
--people 10000` (see bench/run.sh). Measures, and prints as medians in ms:
  start      server start -> first diagnostics of an opened daily note
             (run twice: the second start has a warm cache of parsed notes)
  change     didChange of the daily note (a new [[mention]]) -> its
             publishDiagnostics, each change after a pause (0.3 s): the
             first change after a pause is analysed at once, further
             changes within DEBOUNCE (150 ms) of an analysis wait for it
  burst      the same, for a change 20 ms after the previous analysis
             (typing): includes the wait for the DEBOUNCE window
  hover      hover on a [[link]] -> its response
Prints median, p90 and the number of runs. Set VAULTNET_LSP_TRACE=1 to
see the server's own timing of each analysis in its log messages.
"""
import json, os, statistics, subprocess, sys, threading, time, queue, urllib.parse

DEBOUNCE_MS = 150


class Client:
    def __init__(self, binary, root):
        self.logs = []
        env = dict(os.environ, VAULTNET_TODAY=os.environ.get("VAULTNET_TODAY", "2026-11-25"))
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env)
        self.q = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.id = 0
        self.request("initialize", {"processId": None, "rootUri": uri(root), "capabilities": {}})
        self.notify("initialized", {})

    def _read(self):
        out = self.p.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.q.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.id and "method" not in m)

    def wait(self, match, timeout=120):
        end = time.perf_counter() + timeout
        while True:
            t, m = self.q.get(timeout=max(0.0, end - time.perf_counter()))
            if m.get("method") == "window/logMessage":
                self.logs.append(m["params"]["message"])
            if match(m):
                return t, m

    def diagnostics(self, u):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == u)

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.wait(timeout=30)


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def main():
    binary, root = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    dailies = sorted(os.listdir(os.path.join(root, "Daily")))
    people = sorted(f[:-3] for f in os.listdir(os.path.join(root, "People")) if f.endswith(".md"))
    daily = os.path.join(root, "Daily", dailies[-1])
    text = open(daily, encoding="utf-8").read()
    u = uri(daily)
    starts = []
    for _ in range(2):
        t0 = time.perf_counter()
        c = Client(binary, root)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "markdown",
                                                           "version": 1, "text": text}})
        t1, _ = c.diagnostics(u)
        starts.append((t1 - t0) * 1000)
        if len(starts) < 2:
            c.close()
    changes, bursts, hovers = [], [], []
    body = text
    version = 1
    for i in range(runs):
        for kind in ("pause", "burst"):
            time.sleep(0.3 if kind == "pause" else 0.02)
            version += 1
            body += "\nCoffee with [[%s]] about the plan.\n" % people[(version * 7919) % len(people)]
            t0 = time.perf_counter()
            c.notify("textDocument/didChange", {"textDocument": {"uri": u, "version": version},
                                                "contentChanges": [{"text": body}]})
            v = version
            t1, _ = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"]["uri"] == u and m["params"].get("version") == v)
            (changes if kind == "pause" else bursts).append((t1 - t0) * 1000)
        line = body.rstrip("\n").count("\n")
        t0 = time.perf_counter()
        t1, m = c.request("textDocument/hover", {"textDocument": {"uri": u},
                                                 "position": {"line": line, "character": 16}})
        assert m.get("result"), m
        hovers.append((t1 - t0) * 1000)
    c.close()

    def stats(xs):
        xs = sorted(xs)
        p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
        return "median %.1f\tp90 %.1f\truns %d" % (statistics.median(xs), p90, len(xs))

    print("start_cold_ms\t%.1f" % starts[0])
    print("start_warm_ms\t%.1f" % starts[1])
    print("change_to_diagnostics_ms\t%s" % stats(changes))
    print("burst_change_to_diagnostics_ms\t%s" % stats(bursts))
    print("hover_ms\t%s" % stats(hovers))
    for line in c.logs[-6:]:
        print("log\t" + line)


if __name__ == "__main__":
    main()
