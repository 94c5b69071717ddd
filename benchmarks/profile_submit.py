"""Where one submission's time goes: N submissions through Django's test client (the whole
middleware stack, in this process) under cProfile, on the benchmark's database.

    BENCH_DATABASE_URL=postgres://csa:csa@127.0.0.1:5432/csa_bench \\
        python -m benchmarks.profile_submit --count 200

Run it after `benchmarks.run` made the database (it adds its own topic, accounts and draft
proposals). Prints the CPU time per submission (time.process_time) and the functions that
take the most of it.
"""

import argparse
import cProfile
import datetime as dt
import os
import pstats
import time


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_submit")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from benchmarks.rush_data import rush_accounts, rush_proposals, rush_topic

    now = timezone.now()
    opening_at, stamp = now - dt.timedelta(days=30), now.strftime("%H%M%S")
    accounts = rush_accounts(clients=10, opening_at=opening_at, stamp=f"P{stamp}")
    topic = rush_topic(
        label=f"{stamp}-PROFILE", opening_at=opening_at, deadline_at=now + dt.timedelta(days=1)
    )
    plan = rush_proposals(topic=topic, accounts=accounts, count=2 * args.count + 10, opening_at=now)
    clients = {}
    for user, _organisation in accounts:
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)

    def submit(proposal_pk, user_pk):
        response = clients[user_pk].post(f"/applicant/proposals/{proposal_pk}/submit/")
        assert response.status_code == 302 and "/receipts/" in response["Location"], response

    for proposal_pk, user_pk in plan[:10]:  # warm-up: templates, caches, connections
        submit(proposal_pk, user_pk)
    plain, profiled = plan[10 : 10 + args.count], plan[10 + args.count :]
    cpu, wall = time.process_time(), time.perf_counter()
    for proposal_pk, user_pk in plain:
        submit(proposal_pk, user_pk)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{args.count} submissions: {cpu * 1000 / args.count:.1f} ms CPU and "
        f"{wall * 1000 / args.count:.1f} ms wall each (this process, no profiler)"
    )
    profile = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    profile.enable()
    for proposal_pk, user_pk in profiled:
        submit(proposal_pk, user_pk)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
