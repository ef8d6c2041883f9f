#!/usr/bin/env python3
"""A second, independent style of synthetic vault for the benchmarks:
short person notes (about 250-700 bytes, 420 on average) and many
journal notes (three per person).

    bench/gen_short.py OUT --people N [--seed S]

Where `examples/gen_vault.rs` writes long person notes with their own
logs (some of tens of kilobytes), this one writes what a daily-notes
user keeps: a small contact card per person (`Contacts/`, tags in the
body, a few facts, a short log), daily journal notes
(`Journal/YYYY/MM/YYYY-MM-DD.md`, several people linked in each) and
two meeting notes per person (`Meetings/`, `attendees:` in front matter).
The same seed always gives the same vault. Standard library only.
"""

import argparse
import os
import random

FIRST = ["Ines", "Tomas", "Yuki", "Amara", "Lars", "Priya", "Mateo", "Noor",
         "Oskar", "Leila", "Chen", "Sofia", "Kwame", "Elif", "Rafael", "Hana"]
LAST = ["Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Novak", "Silva",
        "Kowalski", "Ibarra", "Nakamura", "Osei", "Virtanen", "Costa", "Berg"]
TOPICS = ["her new job", "the trip to Porto", "his kids' school", "a book club pick",
          "pottery classes", "the marathon", "moving flats", "their startup idea",
          "a podcast episode", "gardening", "the climbing gym", "a film festival"]
INTERESTS = ["bouldering", "jazz", "sourdough", "chess", "birding", "cycling",
             "poetry", "board games", "ceramics", "sailing", "photography"]
PLACES = ["Berlin", "Lagos", "Osaka", "Quito", "Tallinn", "Austin", "Lyon"]


def day(rng):
    y = rng.randint(2022, 2026)
    m = rng.randint(1, 11 if y == 2026 else 12)
    return y, m, rng.randint(1, 28)


def person(rng, name):
    lines = ["---", "type: person"]
    if rng.random() < 0.6:
        lines.append("interests: [%s]" % ", ".join(rng.sample(INTERESTS, rng.randint(1, 3))))
    if rng.random() < 0.4:
        lines.append("location: %s" % rng.choice(PLACES))
    if rng.random() < 0.5:
        lines.append("contact_frequency: %s" % rng.choice(["weekly", "monthly", "quarterly", "yearly"]))
    if rng.random() < 0.5:
        y, m, d = day(rng)
        lines.append("first_met: %04d-%02d-%02d" % (y, m, d))
    first = name.split()[0]
    lines += ["---", "#contact", "", "## About"]
    lines.append("%s lives in %s and is into %s; works on %s." % (
        first, rng.choice(PLACES), rng.choice(INTERESTS), rng.choice(TOPICS)))
    if rng.random() < 0.5:
        lines.append("Partner: %s. Kids: %d." % (rng.choice(FIRST), rng.randint(0, 3)))
    lines += ["", "## Log"]
    dates = sorted(day(rng) for _ in range(rng.randint(0, 9)))
    for y, m, d in dates:
        by = rng.choice(["me", "them"])
        lines.append("- %04d-%02d-%02d: talked about %s [by:: %s]" % (y, m, d, rng.choice(TOPICS), by))
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = []
    for i in range(args.people):
        name = "%s %s %d" % (rng.choice(FIRST), rng.choice(LAST), i)
        names.append(name)
        write(os.path.join(args.out, "Contacts", name + ".md"), person(rng, name))
    # One journal note per day (about 1,800 days), the rest of the
    # journal as notes of single meetings: three per person in all.
    for _ in range(args.people):
        y, m, d = day(rng)
        who = rng.sample(names, min(len(names), rng.randint(1, 4)))
        text = ["", "- Coffee with [[%s]], we talked about %s." % (who[0], rng.choice(TOPICS))]
        text += ["- Call with [[%s]] about %s [by:: them]" % (w, rng.choice(INTERESTS)) for w in who[1:]]
        text.append("- Errands, a run, read a chapter.")
        write(os.path.join(args.out, "Journal", "%04d" % y, "%02d" % m, "%04d-%02d-%02d.md" % (y, m, d)),
              "\n".join(text) + "\n")
    for i in range(args.people * 2):
        y, m, d = day(rng)
        who = rng.sample(names, min(len(names), rng.randint(2, 5)))
        text = "---\ndate: %04d-%02d-%02d\nattendees: [%s]\n---\n# Planning %d\n\nNotes: agreed on next steps.\n" % (
            y, m, d, ", ".join('"[[%s]]"' % w for w in who), i)
        write(os.path.join(args.out, "Meetings", "%04d-%02d-%02d Planning %d.md" % (y, m, d, i)), text)
    write(os.path.join(args.out, ".obsidian", "daily-notes.json"),
          '{"folder": "Journal", "format": "YYYY/MM/YYYY-MM-DD"}')


if __name__ == "__main__":
    main()
