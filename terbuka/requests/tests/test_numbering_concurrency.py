"""Numbers stay unique and gapless under concurrent submissions (Pasal 22(4)–(5)).

On PostgreSQL the sequence row lock (select_for_update) serialises the submitters; on
SQLite the IMMEDIATE transactions do (PITFALLS.md 1–2). The same assertion holds on both.
"""

import threading

import pytest
from django.db import connections

from terbuka.requests.models import InfoRequest
from terbuka.testing import submit_request

THREADS = 8
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_it_gives_gapless_unique_numbers_to_concurrent_submissions(world):
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            start.wait()
            for _ in range(PER_THREAD):
                submit_request(world, subject=f"Permohonan dari utas {index}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    seqs = sorted(InfoRequest.objects.values_list("number_seq", flat=True))
    assert seqs == list(range(1, THREADS * PER_THREAD + 1))
    numbers = list(InfoRequest.objects.values_list("number", flat=True))
    assert len(set(numbers)) == THREADS * PER_THREAD
