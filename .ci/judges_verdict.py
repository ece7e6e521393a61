"""Read the judges' summary.json files and decide.

    judges_verdict.py --errored OUT       paths whose only trouble was a tool ERROR
    judges_verdict.py OUT [RETRY_OUT ...] exit 1 on any FAIL or ERROR left, or a
                                          Lighthouse score under its bar

Each retry's verdicts replace the earlier ones for the paths it judged again. The
judge holds every Lighthouse category to 90; Shimbun asks 95 of accessibility,
best practices and SEO.
"""

import json
import os
import re
import sys

BARS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}


def results(out):
    path = os.path.join(out, "summary.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {result["path"]: result for result in json.load(f)["results"]}


def verdicts(result):
    return {v["verdict"] for v in result["verdicts"]}


def main(argv):
    if argv[0] == "--errored":
        for path, result in results(argv[1]).items():
            if "ERROR" in verdicts(result) and "FAIL" not in verdicts(result):
                print(path)
        return 0
    final = results(argv[0])
    for retry in argv[1:]:
        final.update(results(retry))
    if not final:
        print("no judges' summary found")
        return 1
    problems = []
    for path, result in final.items():
        for verdict in result["verdicts"]:
            if verdict["verdict"] in ("FAIL", "ERROR"):
                problems.append(f"{path}: {verdict['judge']} {verdict['verdict']}")
            if verdict["judge"] == "lighthouse" and verdict["verdict"] == "PASS":
                scores = dict(re.findall(r"([a-z-]+) (\d+)", verdict["summary"]))
                for category, bar in BARS.items():
                    if int(scores.get(category, 0)) < bar:
                        problems.append(
                            f"{path}: Lighthouse {category} "
                            f"{scores.get(category, 'n/a')} < {bar}"
                        )
    pages = sum(1 for r in final.values() if r["kind"] == "html")
    print(
        f"\nJudges' verdict on {len(final)} path(s), {pages} page(s) "
        f"(Lighthouse bars: performance 90, the rest 95): "
        + ("FAIL" if problems else "PASS")
    )
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
