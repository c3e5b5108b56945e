#!/usr/bin/env python3
"""Smoke test for the development OpenSearch node (stdlib only).

Starts run.sh on a port (default 9271) with a temporary home, checks the features the project
relies on over HTTP, checks that a second start on the same port fails loudly, stops the node
with SIGTERM and checks that it exits in time. Prints "smoke: N passed, N failed".

    python3 services/opensearch/smoke_test.py [--port 9271]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run.sh")
VERSION = "2.19.6"


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def __call__(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


def ids(resp):
    return [h["_id"] for h in resp["hits"]["hits"]]


def tokens(resp):
    return [t["token"] for t in resp["tokens"]]


def checks(c):
    """Yields (name, callable returning a truthy value or raising)."""
    yield "GET / reports 2.19.6", lambda: c("GET", "/")[1]["version"]["number"] == VERSION
    yield "plugins loaded", lambda: {p["component"].rsplit(".", 1)[-1] for p in c("GET", "/_cat/plugins?format=json")[1]} >= {
        "Netty4Plugin", "CommonAnalysisPlugin", "MapperExtrasPlugin", "ReindexPlugin", "PainlessPlugin"}
    index = {
        "settings": {
            "number_of_shards": 1, "number_of_replicas": 0,
            "analysis": {
                "filter": {
                    "nl_stop": {"type": "stop", "stopwords": "_dutch_"},
                    "nl_stem": {"type": "stemmer", "language": "dutch"},
                    "nl_decomp": {"type": "dictionary_decompounder",
                                  "word_list": ["kennis", "netwerk", "school", "bestuur"]},
                    "nl_syn": {"type": "synonym_graph", "lenient": True,
                               "synonyms": ["leraar, docent, onderwijzer"]},
                },
                "analyzer": {
                    "nl_index": {"tokenizer": "standard",
                                 "filter": ["lowercase", "asciifolding", "nl_stop", "nl_decomp", "nl_stem"]},
                    "nl_search": {"tokenizer": "standard",
                                  "filter": ["lowercase", "asciifolding", "nl_syn", "nl_stop", "nl_stem"]},
                },
            },
        },
        "mappings": {"properties": {
            "title": {"type": "text", "analyzer": "nl_index", "search_analyzer": "nl_search"},
            "body": {"type": "text", "analyzer": "nl_index", "search_analyzer": "nl_search"},
            "tag": {"type": "keyword"},
            "title_sayt": {"type": "search_as_you_type"},
        }},
    }
    yield "create index (dutch, asciifolding, decompounder, synonym_graph, search_as_you_type)", \
        lambda: c("PUT", "/docs_v1", index)[1]["acknowledged"]
    docs = {
        "1": {"title": "Kennisnetwerken voor scholen", "tag": "onderwijs",
              "body": "De leraren delen hun kennis over het schoolbestuur in het café.",
              "title_sayt": "Kennisnetwerken voor scholen"},
        "2": {"title": "Netwerk van docenten", "tag": "onderwijs",
              "body": "Docenten werken samen in een netwerk over onderwijs.",
              "title_sayt": "Netwerk van docenten"},
        "3": {"title": "Besturen en toezicht", "tag": "bestuur",
              "body": "Het bestuur houdt toezicht op de school.",
              "title_sayt": "Besturen en toezicht"},
    }
    yield "index documents", lambda: all(
        c("PUT", f"/docs_v1/_doc/{i}?refresh=true", d)[0] in (200, 201) for i, d in docs.items())
    yield "stemmed search (school -> scholen)", \
        lambda: "1" in ids(c("POST", "/docs_v1/_search", {"query": {"match": {"title": "school"}}})[1])
    yield "synonym search (onderwijzer)", \
        lambda: {"1", "2"} <= set(ids(c("POST", "/docs_v1/_search", {"query": {"match": {"body": "onderwijzer"}}})[1]))
    yield "asciifolding (cafe)", \
        lambda: ids(c("POST", "/docs_v1/_search", {"query": {"match": {"body": "cafe"}}})[1]) == ["1"]
    yield "_analyze decompounds", lambda: {"kennis", "netwerk"} <= set(tokens(c(
        "POST", "/docs_v1/_analyze", {"analyzer": "nl_index", "text": "Kennisnetwerken"})[1]))
    yield "search_as_you_type", lambda: ids(c("POST", "/docs_v1/_search", {"query": {"multi_match": {
        "query": "netwerk va", "type": "bool_prefix",
        "fields": ["title_sayt", "title_sayt._2gram", "title_sayt._3gram"]}}})[1]) == ["2"]
    yield "alias", lambda: c("POST", "/_aliases", {"actions": [{"add": {"index": "docs_v1", "alias": "docs"}}]})[1]["acknowledged"] \
        and c("GET", "/docs/_count")[1]["count"] == 3
    yield "_reindex", lambda: c("POST", "/_reindex?refresh=true", {
        "source": {"index": "docs"}, "dest": {"index": "docs_v2"}})[1]["created"] == 3
    yield "painless update script", lambda: c("POST", "/docs_v1/_update/1?refresh=true", {
        "script": {"source": "ctx._source.views = params.n", "params": {"n": 5}}})[0] == 200 \
        and c("GET", "/docs_v1/_doc/1")[1]["_source"]["views"] == 5
    yield "_update_by_query", lambda: c("POST", "/docs_v1/_update_by_query?refresh=true", {
        "query": {"term": {"tag": "bestuur"}}, "script": {"source": "ctx._source.flag = true"}})[1]["updated"] == 1
    yield "_delete_by_query", lambda: c("POST", "/docs_v2/_delete_by_query?refresh=true", {
        "query": {"term": {"tag": "bestuur"}}})[1]["deleted"] == 1
    yield "highlight", lambda: "<em>" in c("POST", "/docs/_search", {
        "query": {"match": {"body": "leraar"}}, "highlight": {"fields": {"body": {}}}})[1]["hits"]["hits"][0]["highlight"]["body"][0]
    yield "terms aggregation", lambda: {b["key"]: b["doc_count"] for b in c("POST", "/docs/_search", {
        "size": 0, "aggs": {"t": {"terms": {"field": "tag"}}}})[1]["aggregations"]["t"]["buckets"]} == {"onderwijs": 2, "bestuur": 1}
    yield "more_like_this", lambda: len(ids(c("POST", "/docs/_search", {"query": {"more_like_this": {
        "fields": ["body"], "like": "leraren en docenten in het netwerk", "min_term_freq": 1, "min_doc_freq": 1}}})[1])) >= 2
    def suggest():
        s = c("POST", "/docs/_search", {"size": 0, "suggest": {"text": "netwrk docnten",
              "t": {"term": {"field": "body"}}, "p": {"phrase": {"field": "title_sayt", "size": 1}}}})[1]["suggest"]
        return s["t"][0]["options"][0]["text"] == "netwerk" and s["p"][0]["options"]
    yield "term + phrase suggest", suggest


def wait_ready(proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            return None
        if " ready on " in line:
            return line.strip()
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=int(os.environ.get("OPENSEARCH_SMOKE_PORT", "9271")))
    args = ap.parse_args()
    subprocess.run([os.path.join(HERE, "build.sh")], check=True)

    home = tempfile.mkdtemp(prefix="opensearch-smoke-")
    env = dict(os.environ, OPENSEARCH_PORT=str(args.port), OPENSEARCH_HOME=home)
    passed = failed = 0

    def report(name, ok, detail=""):
        nonlocal passed, failed
        passed, failed = passed + bool(ok), failed + (not ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}", flush=True)

    t0 = time.monotonic()
    proc = subprocess.Popen([RUN], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = wait_ready(proc, 120)
        report("node starts", bool(line), f"{time.monotonic() - t0:.1f} s" if line else "no ready line")
        if line:
            rss = None
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    rss = next((l.split()[1] for l in f if l.startswith("VmRSS")), None)
            except OSError:
                pass
            if rss:
                print(f"     RSS after start: {int(rss) // 1024} MiB")
            c = Client(args.port)
            for name, fn in checks(c):
                try:
                    report(name, bool(fn()))
                except Exception as e:  # noqa: BLE001 - report every failure, go on
                    report(name, False, repr(e))
            home2 = tempfile.mkdtemp(prefix="opensearch-smoke-")
            try:
                second = subprocess.run([RUN], env=dict(env, OPENSEARCH_HOME=home2),
                                        capture_output=True, text=True, timeout=120)
            finally:
                shutil.rmtree(home2, ignore_errors=True)
            report("second start on same port fails loudly", second.returncode != 0 and "already in use" in second.stderr,
                   f"rc={second.returncode}")
    finally:
        t1 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=15)
            report("SIGTERM stops the node", rc in (0, 143, -signal.SIGTERM), f"rc={rc}, {time.monotonic() - t1:.1f} s")
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            report("SIGTERM stops the node", False, "still running after 15 s")
        shutil.rmtree(home, ignore_errors=True)
    print(f"smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
