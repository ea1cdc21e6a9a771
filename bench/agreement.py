"""Benchmark of agreement coefficients: factcheck beside krippendorff and irrCAC, same data.

Usage::

    python bench/agreement.py                  # 20,000 ratings, a few seconds
    python bench/agreement.py --n 1000000      # the target: 1,000,000 ratings in under 2 s
    python bench/agreement.py --n 1000000 --distinct 20000  # a free-text field (no references)
    python bench/agreement.py --cli --n 1000000 # `factcheck agreement` on a database, beside a bare read
    python bench/agreement.py --coverage 1000   # calibration of the mean Cohen's kappa's interval

Ratings are simulated: each item has a true value, each annotator labels it with probability
1 - missing, and gives the true value 70% of the time, a random one otherwise. factcheck's
``field_agreement`` (all coefficients, standard errors, pairwise kappas, tables) is timed on
the long-format ratings; the reference packages on the items x annotators matrix they take
(building it is not timed): krippendorff.alpha, irrCAC's fleiss(), gwet() and krippendorff()
(with their standard errors), and the mean of irrCAC's table cohen() over annotator pairs.
The references need pandas (and numpy); factcheck's agreement code needs neither.

With ``--cli`` a database of ``--n`` annotation rows is built (4 annotators; a mention-scoped
choice field on every sentence, a free-text field on some, and a claim-scoped field set on every
mention of some claims, with a few conflicting older values as merges leave them), then
``factcheck agreement --format json`` is timed as a child process, beside a child process that
only reads the whole annotations table (``select *``, every row fetched into Python): the baseline
of the same run, on the same file.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Literal

from factcheck.agreement import COEFFICIENTS, Rating, field_agreement

LEVELS: tuple[tuple[Literal["nominal", "ordinal"], str], ...] = (
    ("nominal", "krippendorff_alpha"),
    ("ordinal", "krippendorff_alpha_ordinal"),
)
"""krippendorff.alpha's levels of measurement and the factcheck keys they compare with."""

ANNOTATORS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]


def simulate(n: int, annotators: int, values: int, missing: float, seed: int) -> list[Rating]:
    """About `n` ratings; every item rated at least once."""
    rng = random.Random(seed)
    names = ANNOTATORS[:annotators] if annotators <= len(ANNOTATORS) else [f"a{i}" for i in range(annotators)]
    labels = [f"v{k:05d}" for k in range(values)]
    ratings: list[Rating] = []
    item = 0
    while len(ratings) < n:
        truth, rated = rng.randrange(values), False
        for who in names:
            if rng.random() >= missing or (who == names[-1] and not rated):
                value = truth if rng.random() < 0.7 else rng.randrange(values)
                ratings.append((f"m{item:08d}", who, labels[value]))
                rated = True
        item += 1
    return ratings


def timed(function: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """Result, best wall time and best CPU time of `repeat` runs (CPU time is steadier on a busy host)."""
    best_wall = best_cpu = math.inf
    result = None
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return result, best_wall, best_cpu


def references(ratings: list[Rating], labels: list[str], repeat: int) -> dict[str, tuple[float, float]]:
    """Coefficient -> (value, seconds) from krippendorff and irrCAC on the same ratings."""
    import krippendorff  # imported here: bench-only, not needed with --no-references

    matrix = _matrix(ratings, labels)
    domain = list(range(1, len(labels) + 1))
    out: dict[str, tuple[float, float]] = {}
    for level, key in LEVELS:
        alpha = partial(krippendorff.alpha, matrix, value_domain=domain, level_of_measurement=level)
        value, wall, _ = timed(alpha, repeat)
        out[key] = (float(value), wall)
    return out | _irrcac_raw(matrix, domain, repeat) | _irrcac_cohen(matrix, domain)


def _matrix(ratings: list[Rating], labels: list[str]) -> Any:
    """Annotators x items, values coded 1..q, NaN where missing (what both packages take)."""
    import numpy as np

    items = {item: i for i, item in enumerate(dict.fromkeys(r[0] for r in ratings))}
    who = {a: i for i, a in enumerate(sorted({r[1] for r in ratings}))}
    code = {v: k + 1 for k, v in enumerate(labels)}
    matrix = np.full((len(who), len(items)), np.nan)
    for item, annotator, value in ratings:
        matrix[who[annotator], items[item]] = code[value]
    return matrix


def _irrcac_raw(matrix: Any, domain: list[int], repeat: int) -> dict[str, tuple[float, float]]:
    """irrCAC's fleiss(), gwet(), krippendorff() and krippendorff() with ordinal distances."""
    import pandas as pd
    from irrCAC.raw import CAC

    frame = pd.DataFrame(matrix.T)
    methods = [("fleiss", "fleiss_kappa", "identity"), ("gwet", "gwet_ac1", "identity")]
    methods += [("krippendorff", "irrcac_alpha", "identity")]
    methods += [("krippendorff", "irrcac_alpha_ordinal", _ordinal_weights(matrix, domain))]
    out = {}
    for method, key, weights in methods:
        run = partial(lambda m, w: getattr(CAC(frame, w, categories=domain, digits=15), m)(), method, weights)
        est, wall, _ = timed(run, repeat)
        out[key] = (est["est"]["coefficient_value"], wall)
        out[f"{key}_se"] = (est["est"]["se"], wall)
        if method == "fleiss":
            out["percent_agreement"] = (est["est"]["pa"], wall)
    out["krippendorff_alpha_se"] = out.pop("irrcac_alpha_se")
    out["krippendorff_alpha_ordinal_se"] = out.pop("irrcac_alpha_ordinal_se")
    return out


def _ordinal_weights(matrix: Any, domain: list[int]) -> Any:
    """1 - delta / max(delta), delta Krippendorff's ordinal metric over pairable values."""
    import numpy as np

    pairable = matrix[:, (~np.isnan(matrix)).sum(axis=0) > 1]
    n = [(pairable == g).sum() for g in domain]
    q = len(domain)
    delta = np.array(
        [[(sum(n[min(c, k) : max(c, k) + 1]) - (n[c] + n[k]) / 2) ** 2 for k in range(q)] for c in range(q)]
    )
    return 1 - delta / delta.max()


def _irrcac_cohen(matrix: Any, domain: list[int]) -> dict[str, tuple[float, float]]:
    """Mean over annotator pairs of irrCAC's table cohen() on the items both rated."""
    import numpy as np
    import pandas as pd
    from irrCAC.table import CAC

    start, kappas = time.perf_counter(), []
    for a in range(len(matrix)):
        for b in range(a + 1, len(matrix)):
            both = ~np.isnan(matrix[a]) & ~np.isnan(matrix[b])
            if both.any():
                cells = np.zeros((len(domain), len(domain)))
                np.add.at(cells, (matrix[a][both].astype(int) - 1, matrix[b][both].astype(int) - 1), 1)
                kappas.append(CAC(pd.DataFrame(cells), digits=15).cohen()["est"]["coefficient_value"])
    return {"cohen_kappa": (float(np.mean(kappas)), time.perf_counter() - start)}


def show(result: dict[str, Any], refs: dict[str, tuple[float, float]]) -> None:
    """Print factcheck's coefficients beside the references' (where a reference has one)."""
    print(f"\n{'coefficient':32} {'factcheck':>14} {'reference':>14} {'|diff|':>9} {'ref time':>9}")
    for key in [k for c in COEFFICIENTS for k in (c, f"{c}_se")]:
        mine, (ref, ref_time) = result[key], refs.get(key, (None, None))
        diff = f"{abs(mine - ref):9.1e}" if mine is not None and ref is not None else " " * 9
        shown = f"{ref:14.9f}" if ref is not None else f"{'-':>14}"
        took = f"{ref_time:8.2f}s" if ref_time is not None else ""
        print(f"{key:32} {_fmt(mine):>14} {shown} {diff} {took}")
    for key in ("irrcac_alpha", "irrcac_alpha_ordinal"):
        if key in refs:
            print(f"{'(' + key + ')':32} {'':>14} {refs[key][0]:14.9f}")


def _fmt(value: float | None) -> str:
    return "None" if value is None else f"{value:.9f}"


# --- the command on a database -------------------------------------------------------------

PER_ARTICLE = 20
STANCES = ("agree", "disagree", "discuss")
VERDICTS = ("supported", "refuted", "conflicting", "not-enough-evidence")
SOURCES = ("Officials", "officials ", "Ministry of Health", "the ministry", "Amnesty International")
STAMP = "2025-01-01T00:00:00.000+00:00"
LATER = "2025-02-01T00:00:00.000+00:00"
READ_CODE = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "rows = c.execute('select * from annotations').fetchall(); print(len(rows))"
)
"""The baseline: a process that reads every row of the annotations table."""


def database_rows(n: int, annotators: list[str], missing: float, seed: int) -> tuple[list[Any], list[Any]]:
    """Mentions and annotation rows, about ``n`` of the latter.

    Every sentence gets a stance from each annotator (but for ``missing``); one in five a source
    (free text, written differently for one organisation); a verdict on about one claim in three from each
    annotator on every mention of the claim, as a claim-scoped label is stored. Claims group two
    sentences of neighbouring articles; on one claim in twenty an annotator's value on one mention
    is an older, different one (two claims joined after labelling).
    """
    rng = random.Random(seed)
    mentions: list[Any] = []
    rows: list[Any] = []
    article = 0
    while len(rows) < n:
        aid = f"a{article:015d}"
        for j in range(PER_ARTICLE):
            mid = f"m{article:09d}{j:06d}"
            # Sentence j of an odd article joins the claim of sentence j of the article before.
            claim = f"c{article - article % 2:09d}{j:06d}" if j % 4 == 0 else f"c{article:09d}{j:06d}"
            mentions.append((mid, aid, j, 0, 1, "s", claim, None))
            truth = rng.randrange(3)
            for who in annotators:
                if rng.random() >= missing:
                    value = truth if rng.random() < 0.7 else rng.randrange(3)
                    rows.append((mid, who, "stance", STANCES[value], STAMP))
            if rng.random() < 0.2:
                for who in annotators:
                    if rng.random() >= missing:
                        rows.append((mid, who, "source", rng.choice(SOURCES), STAMP))
        for j in range(0, PER_ARTICLE, 3):
            claim_mentions = [mentions[j - PER_ARTICLE]]
            if j % 4 == 0:  # a claim of two articles: labelled once both are in
                if article % 2 == 0:
                    continue
                claim_mentions.append(mentions[j - 2 * PER_ARTICLE])
            truth = rng.randrange(4)
            for who in annotators:
                if rng.random() < missing:
                    continue
                value = truth if rng.random() < 0.7 else rng.randrange(4)
                for k, m in enumerate(claim_mentions):
                    stale = k > 0 and rng.random() < 0.05
                    old = VERDICTS[(value + 1) % 4]
                    rows.append(
                        (
                            m[0],
                            who,
                            "verification",
                            old if stale else VERDICTS[value],
                            STAMP if stale else LATER,
                        )
                    )
        article += 1
    return mentions, rows


def build_database(path: str, n: int, annotators: list[str], missing: float, seed: int) -> int:
    """A factcheck database with about ``n`` annotation rows; returns their number."""
    from factcheck.store import Store

    mentions, rows = database_rows(n, annotators, missing, seed)
    store = Store(path)
    conn = store.db.conn
    conn.execute("pragma synchronous = off")
    articles = sorted({m[1] for m in mentions})
    with store.transaction():
        conn.executemany(
            "insert into articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a, k + 1, f"{a}.txt", None, None, None, None, "s", "s", STAMP) for k, a in enumerate(articles)],
        )
        conn.executemany("insert into mentions values (?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        claims = {m[6]: m[0] for m in reversed(mentions)}
        conn.executemany("insert into claims values (?, ?, 1)", claims.items())
        conn.executemany("insert or replace into annotations values (?, ?, ?, ?, ?)", rows)
    count = int(conn.execute("select count(*) from annotations").fetchone()[0])
    store.close()
    return count


def run_child(argv: list[str], repeat: int) -> tuple[float, float, str]:
    """Best wall and CPU seconds of ``repeat`` runs of a child process, and its output."""
    best_wall = best_cpu = math.inf
    out = ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
        best_wall = min(best_wall, time.perf_counter() - wall)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best_cpu = min(best_cpu, cpu)
        out = done.stdout
    return best_wall, best_cpu, out


def cli_bench(args: argparse.Namespace) -> None:
    """Time ``factcheck agreement --format json`` beside a bare read of the annotations table."""
    names = ANNOTATORS[: args.annotators]
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "agreement.db")
        if not Path(db).exists():
            started = time.perf_counter()
            count = build_database(db, args.n, names, args.missing, args.seed)
            print(
                f"built {count:,} annotation rows in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
        read_wall, read_cpu, rows = run_child([sys.executable, "-c", READ_CODE, db], args.repeat)
        argv = [sys.executable, "-m", "factcheck", "agreement", "--db", db, "--format", "json", *args.extra]
        wall, cpu, out = run_child(argv, args.repeat)
        fields = json.loads(out)["fields"]
        ratings = sum(f["ratings"] for f in fields.values())
        print(f"{int(rows):,} annotation rows; {ratings:,} ratings after claim-scoped de-duplication")
        print(f"bare read (select * from annotations): {read_wall:.3f} s wall, {read_cpu:.3f} s CPU")
        print(f"factcheck agreement --format json:    {wall:.3f} s wall, {cpu:.3f} s CPU")
        ratio = f"{wall / read_wall:.2f}x wall, {cpu / read_cpu:.2f}x CPU"
        print(f"ratio to the read: {ratio} (best of {args.repeat}; goal: at most 2x)")


# --- calibration of the mean Cohen's kappa's interval ---------------------------------------

DESIGNS: tuple[tuple[str, int, int, int, int], ...] = (
    ("sparse", 10, 150, 1, 3),
    ("sparse", 10, 300, 1, 3),
    ("sparse", 10, 900, 1, 3),
    ("complete", 2, 20, 2, 2),
    ("complete", 4, 60, 4, 4),
    ("complete", 5, 15, 5, 5),
)
"""(kind, annotators, items, fewest and most annotators per item)."""


def labelling_model(annotators: int, rng: random.Random) -> tuple[list[float], list[list[list[float]]]]:
    """Three values; each annotator gives the true one with its accuracy, else one from its bias."""
    prevalence = [0.5, 0.3, 0.2]
    rules = []
    for _ in range(annotators):
        accuracy = rng.uniform(0.55, 0.85)
        bias = [rng.random() + 0.5 for _ in prevalence]
        rules.append(
            [
                [accuracy * (x == t) + (1 - accuracy) * b / sum(bias) for x, b in enumerate(bias)]
                for t in range(3)
            ]
        )
    return prevalence, rules


def true_kappa(prevalence: list[float], rules: list[list[list[float]]]) -> float:
    """The mean over annotator pairs of their population Cohen's kappa."""
    kappas, values = [], range(len(prevalence))
    for k, a in enumerate(rules):
        for b in rules[k + 1 :]:
            observed = sum(prevalence[t] * sum(a[t][x] * b[t][x] for x in values) for t in values)
            first = [sum(prevalence[t] * a[t][x] for t in values) for x in values]
            second = [sum(prevalence[t] * b[t][x] for t in values) for x in values]
            chance = sum(p * q for p, q in zip(first, second, strict=True))
            kappas.append((observed - chance) / (1 - chance))
    return sum(kappas) / len(kappas)


def coverage_bench(sims: int, seed: int) -> None:
    """Spread of the mean Cohen's kappa over simulated data sets beside its reported error and interval.

    Each design draws `sims` data sets from one labelling model whose mean pairwise kappa is
    known. For the standard error factcheck reports and for the linearised one alone (forced
    by lowering the shared-items threshold to 0), it prints the mean reported error over the
    estimate's true spread, and how often the 95% interval covers the true value.
    """
    from factcheck.agreement import pairs

    print(
        f"{'design':>24} {'true':>6} {'mean':>6} {'sd':>6}  {'reported: se/sd':>15} {'cover':>6}  "
        f"{'linearised: se/sd':>17} {'cover':>6}  methods"
    )
    for kind, annotators, items, least, most in DESIGNS:
        rng = random.Random(seed)
        prevalence, rules = labelling_model(annotators, rng)
        truth = true_kappa(prevalence, rules)
        found: dict[str, list[tuple[float, float, list[float]]]] = {"reported": [], "linearised": []}
        methods: Counter[str] = Counter()
        for _ in range(sims):
            ratings: list[Rating] = []
            for i in range(items):
                t = rng.choices(range(3), prevalence)[0]
                for a in rng.sample(range(annotators), rng.randint(least, most)):
                    ratings.append((f"i{i}", f"a{a}", str(rng.choices(range(3), rules[a][t])[0])))
            for name, threshold in (("reported", pairs.LINEARISED_MIN_SHARED), ("linearised", 0)):
                saved, pairs.LINEARISED_MIN_SHARED = pairs.LINEARISED_MIN_SHARED, threshold
                try:
                    kappa = field_agreement(ratings).coefficients["cohen_kappa"]
                finally:
                    pairs.LINEARISED_MIN_SHARED = saved
                if kappa.value is not None and kappa.se is not None and kappa.ci is not None:
                    found[name].append((kappa.value, kappa.se, kappa.ci))
                    if name == "reported":
                        methods[str(kappa.se_method)] += 1
        values = [v for v, _, _ in found["reported"]]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        cells = []
        for name in ("reported", "linearised"):
            ses = [se for _, se, _ in found[name]]
            covered = sum(ci[0] <= truth <= ci[1] for _, _, ci in found[name]) / len(found[name])
            cells.append(f"{sum(ses) / len(ses) / sd:>15.2f} {covered:>6.1%}")
        design = f"{kind} {annotators}x{items} ({least}-{most})"
        used = ", ".join(f"{m} {c}" for m, c in methods.most_common())
        print(
            f"{design:>24} {truth:>6.3f} {mean:>6.3f} {sd:>6.3f}  {cells[0]}  {cells[1]:>24}  {used}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000, help="number of ratings (default 20,000)")
    parser.add_argument("--annotators", type=int, default=4)
    parser.add_argument(
        "--values",
        "--distinct",
        type=int,
        default=3,
        help="distinct values (default 3; thousands for a text field)",
    )
    parser.add_argument("--missing", type=float, default=0.1, help="share of missing ratings")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is shown")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-references", action="store_true", help="time factcheck only")
    parser.add_argument("--cli", action="store_true", help="time the command on a database (see above)")
    parser.add_argument("--db", help="with --cli: use (or build and keep) this database file")
    parser.add_argument("extra", nargs="*", help="with --cli: more options for factcheck agreement")
    parser.add_argument(
        "--coverage", type=int, metavar="SIMS", help="simulate SIMS data sets per design (see above)"
    )
    args = parser.parse_args()
    if args.cli:
        cli_bench(args)
        return
    if args.coverage:
        coverage_bench(args.coverage, args.seed)
        return

    ratings = simulate(args.n, args.annotators, args.values, args.missing, args.seed)
    labels = [f"v{k:05d}" for k in range(args.values)]
    typed, wall, cpu = timed(lambda: field_agreement(ratings, values=labels, ordered=True), args.repeat)
    result = typed.to_dict()
    print(f"{len(ratings):,} ratings, {result['items']:,} items, {args.annotators} annotators, ", end="")
    print(f"{args.values} values, {args.missing:.0%} missing")
    print(f"factcheck field_agreement: {wall:.3f} s wall, {cpu:.3f} s CPU (best of {args.repeat})")
    refs: dict[str, tuple[float, float]] = {}
    if args.values > 50:
        print("references skipped: irrCAC builds an items x values matrix")
    elif not args.no_references:
        refs = references(ratings, labels, args.repeat)
    show(result, refs)


if __name__ == "__main__":
    main()
