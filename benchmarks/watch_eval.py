"""Benchmark: recall@10 and MRR of the 337 early warning against a plain TF-IDF baseline.

Runs both methods on the labelled evaluation set (``benchmarks/watch_eval/queries.csv``, see
its README) over the shipped USITC record, and prints mean recall@10 and MRR per split
(tuning / unseen) and language (en / zh). The method ranks with the product's text only
(``text``) and with its declared HS code as well (``text+hs``); the baseline sees the text
only. Targets on the unseen split: recall@10 >= 0.8 in English and >= 0.7 in Chinese.

    .venv/bin/python benchmarks/watch_eval.py [--split unseen] [--show-misses]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from patentshield.compliance.evaluation import EvalQuery, Score, evaluate, parse_queries
from patentshield.compliance.matching import Subject, WatchIndex, record_subjects
from patentshield.compliance.text import Analyser
from patentshield.compliance.tfidf import TfidfIndex, plain_tokens
from patentshield.compliance.vocabulary import Vocabulary
from patentshield.usitc.published import shipped_investigations

QUERIES = Path(__file__).parent / "watch_eval" / "queries.csv"
TARGETS = {"en": 0.8, "zh": 0.7}


def baseline(subjects: list[Subject]):
    index = TfidfIndex([plain_tokens(subject.title) for subject in subjects])

    def rank(query: EvalQuery) -> list[str]:
        scores = index.scores(plain_tokens(query.text))
        order = sorted(range(len(subjects)), key=lambda i: (-scores[i], subjects[i].key))
        return [subjects[i].key for i in order[:10] if scores[i] > 0]

    return rank


def method(index: WatchIndex, *, with_hs: bool):
    def rank(query: EvalQuery) -> list[str]:
        hts = (query.hts,) if with_hs else ()
        return [match.subject.key for match in index.rank(query.text, hts=hts, top=10)]

    return rank


def print_scores(name: str, scores: list[Score], split: str | None) -> None:
    for score in scores:
        if split and score.split != split:
            continue
        target = TARGETS[score.language] if score.split == "unseen" else None
        mark = "" if target is None else ("  meets target" if score.recall >= target else "  BELOW")
        print(
            f"{name:<16} {score.split:<7} {score.language}  n={score.queries:<3} "
            f"recall@10={score.recall:.3f}  MRR={score.mrr:.3f}{mark}"
        )


def show_misses(queries: list[EvalQuery], rank, split: str | None) -> None:
    for query in queries:
        if split and query.split != split:
            continue
        ranked = rank(query)
        missed = sorted(query.relevant - set(ranked))
        if missed:
            print(f"  {query.id}: missed {', '.join(missed)} | top: {', '.join(ranked[:5])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["tuning", "unseen"], default=None)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    queries = parse_queries(QUERIES.read_text(encoding="utf-8"))
    subjects = record_subjects(shipped_investigations())
    started = time.perf_counter()
    index = WatchIndex(subjects, Analyser(Vocabulary.shipped()))
    built = time.perf_counter() - started
    print(f"{len(queries)} queries, {len(subjects)} investigations; index built in {built:.2f} s")
    print_scores("tf-idf baseline", evaluate(queries, baseline(subjects)), args.split)
    started = time.perf_counter()
    print_scores("method (text)", evaluate(queries, method(index, with_hs=False)), args.split)
    elapsed = time.perf_counter() - started
    print_scores("method (text+hs)", evaluate(queries, method(index, with_hs=True)), args.split)
    print(f"method: {elapsed / len(queries) * 1000:.1f} ms per query (text only)")
    if args.show_misses:
        print("misses of the method (text):")
        show_misses(queries, method(index, with_hs=False), args.split)


if __name__ == "__main__":
    main()
