"""Summarises a pgbench run: transactions/s from its report, p50/p99 from its per-transaction logs (-l)."""
import json
import os
import re
import sys

log_dir, report_path = sys.argv[1], sys.argv[2]
latencies = []
for name in os.listdir(log_dir):
    with open(os.path.join(log_dir, name)) as log:
        for line in log:
            fields = line.split()
            if len(fields) >= 3 and fields[2].isdigit():
                latencies.append(int(fields[2]))
latencies.sort()
report = open(report_path).read()


def number(pattern, default=0.0):
    match = re.search(pattern, report)
    return float(match.group(1)) if match else default


def percentile(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] / 1000 if latencies else None


print(json.dumps({
    "requests": len(latencies),
    "rps": round(number(r"tps = ([0-9.]+) \(without"), 1),
    "p50_ms": percentile(50),
    "p99_ms": percentile(99),
    "failed": int(number(r"number of failed transactions: (\d+)")),
    "aborted": "aborted" in report,
}))
