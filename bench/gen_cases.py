"""Generate many valid case files for benchmarks (deterministic for a given seed).

    python bench/gen_cases.py OUT_DIR --count 2000 --seed 1

Each case has 2-8 parties (states, an organisation, a people), 1-4 acts of random
types between them, 0-3 justifications, and sometimes a Security Council resolution
with an authorisation, an armed attack and a consent: about the size of a bundled case
file, smaller than the largest. Every file is valid (the generator is checked by
``--check``, which loads each one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from normengine.case import COUNCIL_ENLARGED

ACT_TYPES = [
    "air_strikes",
    "missile_strikes",
    "bombardment",
    "invasion",
    "ground_operations",
    "blockade",
    "occupation",
    "arming_armed_groups",
    "mining",
    "threat_of_force",
    "deployment",
    "mass_atrocities",
    "human_rights_violations",
]
CLAIMS = [
    "self_defence",
    "collective_self_defence",
    "council_authorisation",
    "implied_authorisation",
    "consent",
    "humanitarian_intervention",
    "responsibility_to_protect",
    "protection_of_nationals",
    "necessity",
]


def _date(rng: random.Random) -> dt.date:
    return dt.date(1946, 1, 1) + dt.timedelta(days=rng.randrange(0, 28_000))


def case_text(n: int, rng: random.Random) -> str:
    """The YAML text of generated case number ``n``."""
    states = [f"s{i}" for i in range(rng.randint(2, 7))]
    lines = [f"id: gen-{n}", f"title: Generated case {n}", f"date: {_date(rng)}", "parties:"]
    for s in states:
        pm = "true" if rng.random() < 0.2 else "false"
        lines.append(f"  - {{id: {s}, name: State {s.upper()}, kind: state, permanent_member: {pm}}}")
    members = ", ".join(states[:2])
    lines.append(f"  - {{id: org, kind: organisation, organisation_type: alliance, members: [{members}]}}")
    lines.append(f"  - {{id: people, kind: people, territory_of: {states[0]}}}")
    actors = [*states, "org"]
    acts = []
    lines.append("acts:")
    for i in range(rng.randint(1, 4)):
        kind = rng.choice(ACT_TYPES)
        actor, target = rng.sample(states, 2)
        if rng.random() < 0.3:
            actor = "org"
        start = _date(rng)
        end = start + dt.timedelta(days=rng.randrange(0, 400))
        extra = ""
        if kind == "mass_atrocities":
            extra = ", crimes: [crimes_against_humanity], scale: large, evidence_generally_accepted: true"
            target = "people"
        acts.append(f"a{i}")
        lines.append(
            f"  - {{id: a{i}, type: {kind}, actors: [{actor}], target: {target}, start: {start}, end: {end},"
            f" purposes: [protect-civilians]{extra}, source: generated}}"
        )
    has_res = rng.random() < 0.5
    has_attack = rng.random() < 0.5
    has_consent = rng.random() < 0.3
    if has_res:
        number = rng.randint(100, 2700)
        adopted = _date(rng)
        lines += [
            "resolutions:",
            f"  - id: r0\n    organ: security_council\n    number: '{number}'\n    date: {adopted}",
            "    chapter_vii: true\n    binding: true\n    determinations: [threat_to_the_peace]",
            # The Council had 11 seats until the enlargement of 31 August 1965 (Charter Art 23(1) as amended),
            # and the validation refuses votes the organ could not cast.
            "    votes: {for: 12, against: 0, abstentions: 3}"
            if adopted >= COUNCIL_ENLARGED
            else "    votes: {for: 9, against: 0, abstentions: 2}",
            "    authorisations:",
            f"      - {{all_member_states: true, force: true, purposes: [protect-civilians], area: [{states[1]}]}}",
        ]
    if has_attack:
        lines += [
            "armed_attacks:",
            f"  - {{id: x0, by: {states[1]}, against: {states[0]}, date: {_date(rng)}, form: direct, gravity: grave}}",
        ]
    if has_consent:
        lines += ["consents:", f"  - {{id: k0, by: {states[1]}, to: [{states[0]}], given: {_date(rng)}}}"]
    claims = []
    for i in range(rng.randint(0, 3)):
        kind = rng.choice(CLAIMS)
        refs = []
        if has_res and kind in ("council_authorisation", "implied_authorisation", "responsibility_to_protect"):
            refs.append("resolutions: [r0]")
        if has_attack and kind in ("self_defence", "collective_self_defence"):
            refs.append("responds_to: [x0]")
        if has_consent and kind == "consent":
            refs.append("consents: [k0]")
        tail = (", " + ", ".join(refs)) if refs else ""
        act, claimant = rng.choice(acts), rng.choice(actors)
        claims.append(f"  - {{id: c{i}, act: {act}, type: {kind}, claimed_by: [{claimant}]{tail}}}")
    if claims:
        lines += ["justifications:", *claims]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="load every generated file (slow)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for n in range(args.count):
        path = args.out / f"case-{n:05d}.yaml"
        path.write_text(case_text(n, rng), encoding="utf-8")
        if args.check:
            from normengine.loader import load_case

            load_case(path)
    print(f"{args.count} cases in {args.out}")


if __name__ == "__main__":
    main()
