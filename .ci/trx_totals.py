#!/usr/bin/env python3
"""Counts test outcomes over every .trx file under a directory and prints "PASSED FAILED SKIPPED".

Counts the results themselves rather than trusting each file's summary counters, which a crashed test host
can leave unwritten. Unreadable files are reported on stderr and counted as one failure each, so a broken
result file can never make a run look green."""
import pathlib
import sys
import xml.etree.ElementTree as ElementTree

PASSED = {"Passed"}
SKIPPED = {"NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning", "Completed", "InProgress"}


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def leaf_results(root):
    """UnitTestResult elements without InnerResults: data-driven parents only summarise their rows."""
    for element in root.iter():
        if local_name(element.tag) != "UnitTestResult":
            continue
        if any(local_name(child.tag) == "InnerResults" for child in element):
            continue
        yield element


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: trx_totals.py RESULTS_DIR")
    passed = failed = skipped = 0
    for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as error:
            print(f"trx_totals: cannot read {path}: {error}", file=sys.stderr)
            failed += 1
            continue
        for result in leaf_results(root):
            outcome = result.get("outcome", "")
            if outcome in PASSED:
                passed += 1
            elif outcome in SKIPPED:
                skipped += 1
            else:  # Failed, Error, Timeout, Aborted, or anything unknown
                failed += 1
    print(passed, failed, skipped)


if __name__ == "__main__":
    main()
