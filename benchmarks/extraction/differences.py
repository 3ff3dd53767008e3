#!/usr/bin/env python3
"""How many of the date misses each deliberate difference (docs/extraction.md) explains, per file and subset.

    cd benchmarks/extraction && python differences.py [date.endotnet]

Each rule is a pattern on the gold mention's words; a miss no rule explains is printed with its case when its
file and subset are named (e.g. ``date.endotnet``): those are the gaps left to fix.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import adapter  # noqa: E402
import score  # noqa: E402

RULES = [
    ("later this week/year is the part after the publication day", r"(?i)\blater (this|in the)\b"),
    ("earlier this month is the part before the publication day", r"(?i)\bearlier (this|previous)\b"),
    ("end/start of a year or week in thirds (Sep-Dec), not halves", r"(?i)^(the )?(end of (the |this )?(year|week)|eoy|beginning of \d{4}|end of \d{4}|mid(dle of)? \d{4}|mid \d{4})$"),
    ("'last/next Wednesday' is the nearest one", r"(?i)\b(last|previous|next|following) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"),
    ("'until X' includes X", r"(?i)^(until|till|as late as|jusqu)"),
    ("'no later than X' includes X, 'after a day' starts the next day", r"(?i)no later than|^after [a-z]+ \d|^more than .* after "),
    ("two-digit years 00-49 are 20xx", r"\d+/\d+/[0-4]\d$"),
    ("'from the end of X' starts within X", r"(?i)(from|between) the (end|middle) of"),
    ("story-relative words are no dates", r"(?i)^(the )?(day|week|month|year|following (week|quarter|month)|same (week|month|year)|that weekend|next day|day (before|after))$|^the (day|week|month|year)$|^(the )?(day|month|week|year) (before|after)$|\bday of the month$|of the following week$"),
    ("'in two years' is a duration", r"(?i)^in (a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (year|month)s?$"),
    ("a weekday next to an offset is the one of the offset's week", r"(?i) from (now|today) on (mon|tues|wednes|thurs|fri|satur|sun)day$"),
    ("'in two years since 2011' is a duration, not a date", r"(?i)^in \w+ (year|week)s? since\b"),
    ("a year-less holiday, offset or stretch is the latest one", r"(?i)(christmas|easter|thanksgiving|halloween|new year|independence day|labor day).*|\b(after|before|from) (christmas|easter|january|tuesday)|, from \d+(st|nd|rd|th) [a-z]+$"),
]
def classify(text):
    for name, rx in RULES:
        if re.search(rx, text.strip()):
            return name
    return None
def main():
    for name in ("date.en", "date.fr"):
        cases = [json.loads(l) for l in open(os.path.join(HERE, f'{name}.jsonl'), encoding='utf-8')]
        for subset in ("supported", "dotnet"):
            wrong = collections.Counter(); missed = collections.Counter(); other = []
            for c in cases:
                if not score.SUBSETS[subset](c): continue
                found = adapter.date(c['text'], c['lang'], c['ref_date'])
                _, d = score.score_case('date', c, found)
                for g, f in d['wrong']:
                    k = classify(g['text']); wrong[k] += 1
                    if k is None: other.append(('value', g['text'], c['text'][:70]))
                for g in d['missed']:
                    k = classify(g['text']); missed[k] += 1
                    if k is None: other.append(('missed', g['text'], c['text'][:70]))
            print(f"== {name} {subset}: wrong {sum(wrong.values())}, missed {sum(missed.values())}")
            for k in sorted(set(wrong) | set(missed), key=str):
                print(f"   {wrong[k]:3d} wrong {missed[k]:3d} missed  {k or 'not explained: left to fix'}")
            if len(sys.argv) > 1 and sys.argv[1] == name + subset:
                for o in other: print("     ", o)


if __name__ == "__main__":
    main()
