"""Turns the raw results of scripts/bench.sh into bench/results.json and the load section of docs/benchmarks.md."""
import json
import os
import platform
import subprocess
import sys

raw, results_path, doc_path, settings = sys.argv[1:5]


def load(name):
    path = os.path.join(raw, name)
    return json.load(open(path)) if os.path.exists(path) else None


def read(name, default=""):
    path = os.path.join(raw, name)
    return open(path).read().strip() if os.path.exists(path) else default


def wrk(name):
    r = load(name + ".json")
    if r is None:
        return None
    r["rps"] = round(r["requests"] / r["seconds"], 1) if r["seconds"] else 0
    r["errors"] = r["non2xx"] + r["socket_errors"]
    return r


def kv(text):
    return dict(part.split("=", 1) for part in text.split())


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


summary, submit, caseload = wrk("summary"), wrk("submit"), wrk("caseload")
floors = {name: load(name + "-floor.json") for name in ("summary", "submit", "caseload")}
single_summary, single_caseload = wrk("summary-single"), wrk("caseload-single")
single_computed = wrk("caseload-computed-single")
h30, h365 = wrk("scale-h30"), wrk("scale-h365")
fault = load("fault-summary.json")


def combined(scenario):
    a, b = wrk(scenario + "-two-a"), wrk(scenario + "-two-b")
    if a is None or b is None:
        return None
    return {"rps": round(a["rps"] + b["rps"], 1), "errors": a["errors"] + b["errors"], "p50_ms": max(a["p50_ms"], b["p50_ms"]),
            "p99_ms": max(a["p99_ms"], b["p99_ms"])}


two = {"summary": combined("summary"), "submit": combined("submit")}


def cpu_cost(name):
    """CPU milliseconds per request of the API and of PostgreSQL during a run (bench/cpu.py before and after it)."""
    before, after, run = load(name + ".cpu-before.json"), load(name + ".cpu-after.json"), wrk(name)
    if not before or not after or not run or not run["requests"]:
        return None
    api = (after["api"] - before["api"]) * 1000 / run["requests"]
    database = (after["database"] - before["database"]) * 1000 / run["requests"]
    return {"apiMs": round(api, 2), "databaseMs": round(database, 2), "totalMs": round(api + database, 2)}


cpu_per_request = {name: cpu_cost(name) for name in ("summary", "submit", "caseload")}
memory_peak_kb = 0
private_peak_kb = 0
for name in os.listdir(raw):
    if name.startswith("memory-"):
        anon_kb = 0
        for line in open(os.path.join(raw, name)):
            field, value = line.split()[0], int(line.split()[1])
            if field in ("VmHWM:", "VmRSS:"):
                memory_peak_kb = max(memory_peak_kb, value)
            elif field == "RssAnon:":
                anon_kb = value
            elif field == "RssShmem:":
                private_peak_kb = max(private_peak_kb, anon_kb + value)
million = kv(read("million.txt")) if read("million.txt") else None
main_load = kv(read("main-load.txt"))
cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p' | head -n 1"], capture_output=True, text=True).stdout.strip()
memory_total = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
machine = {"nproc": os.cpu_count(), "cpu": cpu, "memoryGb": round(int(memory_total) / 1024 / 1024, 1), "os": platform.platform()}

results = {
    "settings": kv(settings),
    "machine": machine,
    "load": {"mainCompletions": int(main_load.get("completions", 0)), "mainSeconds": float(main_load.get("seconds", 0)),
             "millionCompletions": int(million["completions"]) if million else None,
             "millionSeconds": float(million["seconds"]) if million else None},
    "summary": summary, "summaryFloor": floors["summary"],
    "submit": submit, "submitFloor": floors["submit"],
    "caseload": caseload, "caseloadFloor": floors["caseload"],
    "summaryFloorRatio": ratio(summary and summary["rps"], floors["summary"] and floors["summary"]["rps"]),
    "submitFloorRatio": ratio(submit and submit["rps"], floors["submit"] and floors["submit"]["rps"]),
    "caseloadFloorRatio": ratio(caseload and caseload["rps"], floors["caseload"] and floors["caseload"]["rps"]),
    "peakApiMemoryMb": round(memory_peak_kb / 1024, 1),
    "peakPrivateMb": round(private_peak_kb / 1024, 1) if private_peak_kb else None,
    "singleConnection": {"summaryP50Ms": single_summary and single_summary["p50_ms"], "caseloadP50Ms": single_caseload and single_caseload["p50_ms"],
                         "caseloadToSummaryRatio": ratio(single_caseload and single_caseload["p50_ms"], single_summary and single_summary["p50_ms"]),
                         "caseloadComputedP50Ms": single_computed and single_computed["p50_ms"]},
    "scale": {"history30P50Ms": h30 and h30["p50_ms"], "history365P50Ms": h365 and h365["p50_ms"],
              "ratio": ratio(h365 and h365["p50_ms"], h30 and h30["p50_ms"])},
    "fault": fault,
    "twoProcesses": two,
    "cpuMsPerRequest": cpu_per_request,
}
with open(results_path, "w") as out:
    json.dump(results, out, indent=2)
    out.write("\n")


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def row(name, api, floor, ratio_value):
    return (f"| {name} | {api['rps']:.0f} | {ms(api['p50_ms'])} | {ms(api['p99_ms'])} | {api['errors']} "
            f"| {floor['rps']:.0f} | {ms(floor['p50_ms'])} | {ms(floor['p99_ms'])} | {ratio_value} |")


s = results["settings"]
lines = [
    "<!-- load:begin (written by scripts/bench.sh) -->",
    "## Load: the API beside its database floor",
    "",
    f"`./scripts/bench.sh` generated {int(s['clients']):,} clients of {s['therapists']} therapists, each with one plan of three "
    f"assignments and {s['days']} days of history ({results['load']['mainCompletions']:,} completions), started the Release "
    f"build on 127.0.0.1 from its output folder, warmed it up with {s.get('warmup', '?')} s of each scenario, and ran wrk for "
    f"{s['seconds']} s at {s['connections']} connections per scenario. Each floor is the same database work sent by pgbench "
    "(`bench/floor/*.sql`): the statements the API sends, round trip for round trip (a pgbench pipeline where the API sends "
    "one batch), extended protocol, same concurrency, same database, run right after the API's own run. "
    f"The API logged at `{s['log_level']}` for the runs (configuration only: `Logging__LogLevel__Default`); "
    "the write rate limit was raised with `RateLimits__WritesPerMinute`. Caseloads "
    "are computed at most two per processor at once (the default), so the caseload latencies include the wait for a turn.",
    "",
    "| Scenario | API req/s | p50 ms | p99 ms | errors | floor tx/s | floor p50 | floor p99 | API/floor |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for name, api, key in (("plan summary", summary, "summary"), ("submit completion", submit, "submit"), ("caseload (40 clients)", caseload, "caseload")):
    if api and floors[key]:
        lines.append(row(name, api, floors[key], results[key + "FloorRatio"]))
single = results["singleConnection"]
scale = results["scale"]
lines += [
    "",
    f"- Peak API memory (VmHWM / VmRSS sampled every 0.5 s): **{results['peakApiMemoryMb']} MB**"
    + (f", of which at most {results['peakPrivateMb']} MB private (anonymous and JIT code; the rest is the runtime's and "
       "libraries' files mapped from disk and shared with any other .NET process)." if results.get('peakPrivateMb') else "."),
    f"- One connection: summary p50 {ms(single['summaryP50Ms'])} ms, caseload of 40 p50 {ms(single['caseloadP50Ms'])} ms: "
    f"caseload = **{single['caseloadToSummaryRatio']} x** one summary (target <= 3), its plans' triages stored (ADR 0074); "
    f"with every triage computed (as of an hour before the run, which no stored triage covers) p50 {ms(single.get('caseloadComputedP50Ms'))} ms.",
    f"- History: the current plan's summary (30 days in) with 30 days of history p50 {ms(scale['history30P50Ms'])} ms, with 365 days "
    f"(earlier plans of the same clients) p50 {ms(scale['history365P50Ms'])} ms: ratio **{scale['ratio']}** (target <= 1.3).",
]
costs = [(name, cpu_per_request[key]) for name, key in (("plan summary", "summary"), ("submit", "submit"), ("caseload of 40", "caseload"))
         if cpu_per_request[key]]
if costs:
    lines.append(f"- CPU per request during the {s['connections']}-connection runs (`/proc` of the API process and of every PostgreSQL process "
                 "before and after each run, `bench/cpu.py`): "
                 + "; ".join(f"{name} {c['apiMs']} ms in the API + {c['databaseMs']} ms in PostgreSQL" for name, c in costs) + ".")
for name, key, one in (("plan summary", "summary", summary), ("submit completion", "submit", submit)):
    both = two[key]
    if both and one:
        lines.append(f"- Two API processes on the same database, {int(s['connections']) // 2} connections each: {name} **{both['rps']:.0f} req/s** "
                     f"combined (p50 {ms(both['p50_ms'])} ms, {both['errors']} errors) beside {one['rps']:.0f} req/s from one process at "
                     f"{s['connections']} connections; on one 2-core machine the processes share the cores with PostgreSQL, so this shows they "
                     "work together correctly, not how a second machine scales (docs/scaling.md).")
if million:
    lines.append(f"- Data generator: {int(million['completions']):,} completions (and {int(million['skips']):,} skips) loaded with binary COPY in "
                 f"**{float(million['seconds']):.1f} s**.")
if fault:
    statuses = fault["load"]["statuses"]
    lines.append(
        f"- Fault: `pg_ctl restart -m fast` 5 s into a {s['connections']}-connection submission load. Answers: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
        + f"; 503s without Retry-After: {fault['load']['retry_after_missing']}. Every one of the {fault['acked']:,} completions answered 201 "
        f"is in the database: {fault['missing']} missing. The API answered a summary again {fault['recovery_seconds']} s after the "
        "database was back, without a restart.")
lines += [
    "",
    f"Machine: {machine['cpu']}, {machine['nproc']} cores (`nproc`), {machine['memoryGb']} GB; {machine['os']}. "
    "The API, PostgreSQL, wrk and pgbench share these cores, so the floors and the API compete with the load generator alike.",
    "",
    "Rerun: `./scripts/bench.sh` (about 10 minutes). Smaller: `BENCH_CLIENTS=400 BENCH_DAYS=30 BENCH_SECONDS=10 BENCH_MILLION=0 ./scripts/bench.sh`. "
    "Raw output lands in `bench/out/raw/` (ignored by git), the figures in `bench/results.json`.",
    "<!-- load:end -->",
]
section = "\n".join(lines) + "\n"
doc = open(doc_path).read()
begin, end = doc.find("<!-- load:begin"), doc.find("<!-- load:end -->")
if begin >= 0 and end >= 0:
    doc = doc[:begin] + section + doc[end + len("<!-- load:end -->\n"):]
else:
    doc = doc.rstrip("\n") + "\n\n" + section
open(doc_path, "w").write(doc)
