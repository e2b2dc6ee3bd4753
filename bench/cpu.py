#!/usr/bin/env python3
"""CPU seconds used so far by the API process and by the PostgreSQL cluster (the postmaster, its live children and
the children it has reaped), from /proc. Usage: cpu.py <api pid> <postmaster pid>; prints one JSON object."""
import json
import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def fields(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def own(f):
    return (int(f[11]) + int(f[12])) / TICKS


api_pid, postmaster = int(sys.argv[1]), int(sys.argv[2])
database = 0.0
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    try:
        f = fields(entry)
    except OSError:
        continue
    if int(entry) == postmaster:
        database += own(f) + (int(f[13]) + int(f[14])) / TICKS
    elif int(f[1]) == postmaster:
        database += own(f)
print(json.dumps({"api": round(own(fields(api_pid)), 3), "database": round(database, 3)}))
