"""Page latency and query counts at a data scale (see tests/perf/README.md).

Prints, per page: queries, median and p95 server time over ``--runs`` requests, and peak memory of
one request. Compare scales with ``--compare S`` to get the ratio M/S (flat pages stay near 1).
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")
os.environ.setdefault("CONVENE_TESTING", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from cop_platform.accounts.models import User  # noqa: E402
from cop_platform.management.commands.generate_load_data import SLUG, generate  # noqa: E402

PAGES = [
    ("tenant home (PM)", f"/{SLUG}/"),
    ("directory page 1", f"/{SLUG}/communities/"),
    ("directory search", f"/{SLUG}/communities/?q=community+0001"),
    ("directory page 5", f"/{SLUG}/communities/?page=5"),
    ("community home (largest)", f"/{SLUG}/communities/community-00000/"),
    ("lifecycle (largest)", f"/{SLUG}/communities/community-00000/lifecycle/"),
    # lifecycle helper: the phase (a subquery on the latest move) in the state of play and the directory
    ("state of play by phase", f"/{SLUG}/state-of-play/?sort=phase"),
    ("state of play, Discover", f"/{SLUG}/state-of-play/?phase=discover"),
    ("directory, Discover", f"/{SLUG}/communities/?phase=discover"),
    ("people (admin)", f"/{SLUG}/people/"),
    # Cross-community events (programmes): the host's list, the largest community's events, and an event of it
    ("events list (PM)", f"/{SLUG}/events/?when=past"),
    ("events search (PM)", f"/{SLUG}/events/?when=past&q=community+0000"),
    ("community events (largest)", f"/{SLUG}/communities/community-00000/events/"),
    ("event page (PM)", f"/{SLUG}/events/{{event_id}}/"),
    # participants: applications to a cohort programme (load data: tests/perf/load_participants.py)
    ("cohort applications p1", f"/{SLUG}/programmes/leadership-load/applications/"),
    ("cohort applications p3", f"/{SLUG}/programmes/leadership-load/applications/?page=3"),
    ("cohort apps filtered", f"/{SLUG}/programmes/leadership-load/applications/?q=idea&spans=both"
                                     "&confirmed=both&status=submitted"),
    ("cohort participants (28)", f"/{SLUG}/programmes/leadership-load/applications/participants/"),
    # Readiness questionnaire: QUESTIONNAIRE_RESPONSES[scale] responses.
    ("questionnaire results", f"/{SLUG}/questionnaires/{{questionnaire}}/results/"),
    ("questionnaire results p3", f"/{SLUG}/questionnaires/{{questionnaire}}/results/?page=3"),
    ("questionnaire CSV", f"/{SLUG}/questionnaires/{{questionnaire}}/results.csv"),
    ("questionnaire answer page", "/questionnaires/{token}/"),
    # Programmes and cohorts: the cohort built by _cohort_data, 40 sessions, 28 people.
    ("programmes list", f"/{SLUG}/programmes/"),
    ("programmes search", f"/{SLUG}/programmes/?q=programme+1&kind=cohort"),
    ("cohort page", f"/{SLUG}/programmes/bench-cohort/"),
    ("cohort portal", f"/{SLUG}/programmes/bench-cohort/portal/"),
    ("cohort participants", f"/{SLUG}/programmes/bench-cohort/participants/"),
    ("cohort groups", f"/{SLUG}/programmes/bench-cohort/groups/"),
    # values (evaluation): as the project manager, who works across communities like an evaluator
    ("evaluation home", f"/{SLUG}/evaluation/"),
    ("value page (largest)", f"/{SLUG}/communities/community-00000/value/"),
    ("evidence (largest)", f"/{SLUG}/communities/community-00000/value/evidence/"),
    ("evidence by cycle", f"/{SLUG}/communities/community-00000/value/evidence/?cycle=applied"),
    # Stories (evaluation): the largest community's stories, the evaluator's list, one story.
    ("stories (largest)", f"/{SLUG}/communities/community-00000/value/stories/"),
    ("stories search", f"/{SLUG}/communities/community-00000/value/stories/?q=story+1"),
    ("evaluator's stories", f"/{SLUG}/evaluation/stories/"),
    ("evaluator's waiting", f"/{SLUG}/evaluation/stories/?waiting=on&cycle=applied"),
    ("one story", f"/{SLUG}/communities/community-00000/value/stories/{{story_id}}/"),
    # The evaluator's views (charts across the organisation), My work and the notifications inbox.
    ("evaluator's views", f"/{SLUG}/evaluation/views/"),
    ("my work (PM)", f"/{SLUG}/my-work/"),
    ("notifications inbox", f"/{SLUG}/notifications/"),
    # Conversations of the largest community (THREADS[scale] threads and one of 500 replies) and the PM's
    # inbox of 1,000 notifications, half unread (_seed_conversations, _seed_inbox).
    ("conversations (largest)", f"/{SLUG}/communities/community-00000/conversations/"),
    ("thread 500 replies p1", f"/{SLUG}/communities/community-00000/conversations/{{thread_id}}/"),
    ("thread 500 replies last", f"/{SLUG}/communities/community-00000/conversations/{{thread_id}}/?page=last"),
    ("inbox 1,000 page 1", f"/{SLUG}/notifications/?page=1"),
    ("inbox 1,000 page 30", f"/{SLUG}/notifications/?page=30"),
    ("inbox 1,000 unread", f"/{SLUG}/notifications/?show=unread"),
]

STORIES = {"S": 20, "M": 200, "L": 2000}


def _seed_stories(scale):
    """Stories for the stories pages (the load data has none): ``STORIES[scale]`` in the largest community,
    four steps each, alternately shared and approved. Returns the first story's id."""
    from django_scopes import scopes_disabled

    from communities.models import Community
    from evaluation.models import StoryStep, ValueCreationStory

    with scopes_disabled():
        community = Community.objects.get(organisation__slug=SLUG, slug="community-00000")
        narrator = User.objects.get(email=f"person0@{SLUG}.load.example.org")
        stories = ValueCreationStory.objects.bulk_create([
            ValueCreationStory(organisation_id=community.organisation_id, community=community, narrator=narrator,
                               title=f"Story {n}", status="approved" if n % 2 else "shared", consent="report")
            for n in range(STORIES[scale])])
        StoryStep.objects.bulk_create([
            StoryStep(organisation_id=community.organisation_id, story=story, position=i, text=f"Step {i}",
                      cycle=cycle)
            for story in stories for i, cycle in enumerate(("immediate", "potential", "applied", "realised"))])
    return stories[0].pk

THREADS = {"S": 20, "M": 200, "L": 2000}
REPLIES = 500
NOTIFICATIONS = 1000


def _seed_conversations(scale):
    """Conversations in the largest community: ``THREADS[scale]`` threads of one post each and one thread of
    an opening post and ``REPLIES`` replies by its members, by bulk inserts. The PM (the pages' client) is
    made a member if the load data did not make them one (conversations are members-only). Returns the big
    thread's id."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.models import Community, Membership, Post, Thread

    with scopes_disabled():
        community = Community.objects.get(organisation__slug=SLUG, slug="community-00000")
        pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
        Membership.objects.get_or_create(organisation_id=community.organisation_id, community=community, user=pm,
                                         defaults={"role": "member"})
        authors = list(Membership.objects.filter(community=community).order_by("pk")
                       .values_list("user_id", flat=True)[:50])
        started = timezone.now() - timedelta(days=THREADS[scale] + 30)
        threads = Thread.objects.bulk_create(
            Thread(organisation_id=community.organisation_id, community=community, title=f"Conversation {n}",
                   author_id=authors[n % len(authors)], last_post_at=started + timedelta(days=n))
            for n in range(THREADS[scale]))
        big = Thread.objects.create(organisation_id=community.organisation_id, community=community,
                                    title="Escalation charts across the region", author=pm,
                                    last_post_at=timezone.now())
        body = "We tried the new chart on two wards this week; the night staff found it clearer."
        html = f"<p>{body}</p>"
        Post.objects.bulk_create(
            Post(organisation_id=community.organisation_id, thread=thread, author_id=thread.author_id, body=body,
                 body_html=html) for thread in threads)
        Post.objects.bulk_create(
            (Post(organisation_id=community.organisation_id, thread=big, author_id=authors[n % len(authors)],
                  body=f"{body} ({n})", body_html=f"<p>{body} ({n})</p>") for n in range(REPLIES + 1)),
            batch_size=1000)
    return big.pk


def _seed_inbox(thread_id):
    """``NOTIFICATIONS`` notifications for the PM (replies in the big thread by its members), every other one
    read."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.models import Thread
    from communities.services.conversations import REPLY, thread_url
    from cop_platform.models import Notification

    with scopes_disabled():
        thread = Thread.objects.select_related("community").get(pk=thread_id)
        pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
        actors = list(User.objects.filter(email__endswith=f"@{SLUG}.load.example.org").order_by("pk")
                      .values_list("pk", flat=True)[1:40])
        url = thread_url(thread)
        now = timezone.now()
        Notification.objects.bulk_create(
            (Notification(organisation_id=thread.organisation_id, recipient=pm, actor_id=actors[n % len(actors)],
                          kind=REPLY, community_id=thread.community_id, url=url,
                          text=f"Person{n % 40} replied to “{thread.title}” in {thread.community.name}",
                          read_at=now - timedelta(minutes=n) if n % 2 else None)
             for n in range(NOTIFICATIONS)), batch_size=1000)


COHORT_PROGRAMMES = {"S": 10, "M": 40, "L": 200}


def _cohort_data(scale):
    """Programmes for the load organisation: COHORT_PROGRAMMES[scale] of them, and the cohort ``bench-cohort``
    with 40 dated sessions, 28 participants, attendance at ten sessions and saved co-consulting groups."""
    from datetime import date, time, timedelta

    from django_scopes import scopes_disabled

    from cop_platform.tenancy.models import Organisation
    from programmes import services
    from programmes.models import Attendance, Participant, Programme, Session

    with scopes_disabled():
        org = Organisation.objects.get(slug=SLUG)
        people = list(User.objects.filter(email__endswith=f"@{SLUG}.load.example.org").order_by("pk")[2:30])
        Programme.objects.bulk_create(Programme(organisation=org, name=f"Programme {i}", slug=f"programme-{i}",
                                                kind="cohort" if i % 2 else "support")
                                      for i in range(COHORT_PROGRAMMES[scale]))
        cohort = Programme.objects.create(organisation=org, name="Bench cohort", slug="bench-cohort", kind="cohort")
        participants = Participant.objects.bulk_create(
            Participant(organisation=org, programme=cohort, user=u, employer=f"Trust {i % 6}",
                        role_title=f"Role {i % 4}") for i, u in enumerate(people))
        sessions = Session.objects.bulk_create(
            Session(organisation=org, programme=cohort, kind="clinic", date=date(2027, 1, 1) + timedelta(days=i),
                    starts_at=time(12), ends_at=time(13), position=i) for i in range(40))
        Attendance.objects.bulk_create(Attendance(organisation=org, session=s, participant=p)
                                       for s in sessions[:10] for p in participants)
        services.groups_save(organisation=org, by=None, programme=cohort,
                             placement=services.groups_propose(programme=cohort, group_size=5))

QUESTIONNAIRE_RESPONSES = {"S": 100, "M": 1000, "L": 10000}


def _questionnaire_load(scale):
    """The booklet's questionnaire, open, with a free-text answer and one or two opportunities per response."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from cop_platform.tenancy.models import Organisation
    from programmes import services
    from programmes.models import Answer, Question, Response

    with scopes_disabled():
        org = Organisation.objects.get(slug=SLUG)
        q = services.questionnaire_create(organisation=org, by=None, title="Readiness (load)")
        services.questionnaire_set_status(organisation=org, by=None, questionnaire=q, status="open")
        questions = list(Question.objects.filter(questionnaire=q).prefetch_related("choices"))
        text_q, opp_q = questions[0], questions[1]
        choices = list(opp_q.choices.all())
        made = Response.objects.bulk_create(Response(organisation=org, questionnaire=q, submitted_at=timezone.now())
                                            for _ in range(QUESTIONNAIRE_RESPONSES[scale]))
        rows = []
        for i, response in enumerate(made):
            rows.append(Answer(organisation=org, response=response, question=text_q,
                               text=f"How can we spread improvement number {i} across the region?"))
            rows.append(Answer(organisation=org, response=response, question=opp_q, choice=choices[i % 7]))
            if i % 2:
                rows.append(Answer(organisation=org, response=response, question=opp_q, choice=choices[(i + 3) % 7]))
        Answer.objects.bulk_create(rows, batch_size=2000)
    return {"questionnaire": q.pk, "token": q.public_token}


def _add_events():
    """Past events, each bringing the largest community and two others together, every member invited
    (once), about two in three recorded as having come: bulk inserts, like the load data."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from communities.models import Community, Membership
    from cop_platform.tenancy.models import Organisation
    from programmes.models import Event, EventInvitation

    with scopes_disabled():
        org = Organisation.objects.get(slug=SLUG)
        communities = list(Community.objects.filter(organisation=org).order_by("slug"))
        now = timezone.now()
        groups = [[communities[0], communities[i], communities[i + 1]] for i in range(1, len(communities) - 1, 3)]
        events = Event.objects.bulk_create(
            Event(organisation=org, title=f"Basecamp {k:04d}", place="Leeds", notes="Notes of the day.",
                  starts_at=now - timedelta(days=k + 1), ends_at=now - timedelta(days=k + 1) + timedelta(hours=6),
                  recorded_at=now)
            for k in range(len(groups)))
        Event.communities.through.objects.bulk_create(
            Event.communities.through(event_id=event.pk, community_id=c.pk)
            for event, group in zip(events, groups, strict=True) for c in group)
        members = {}
        for community_id, user_id in Membership.objects.filter(organisation=org).values_list("community_id",
                                                                                              "user_id"):
            members.setdefault(community_id, set()).add(user_id)
        EventInvitation.objects.bulk_create(
            (EventInvitation(organisation=org, event=event, user_id=uid, answer="yes", attended=uid % 3 != 0)
             for event, group in zip(events, groups, strict=True)
             for uid in set().union(*(members.get(c.pk, set()) for c in group))), batch_size=5000)
    if connection.vendor == "postgresql":  # fresh planner statistics, as autovacuum keeps them in production
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE programmes_event, programmes_event_communities, programmes_eventinvitation")
    return events[0].pk


def measure(scale, runs):
    organisation = generate(scale)
    ids = {"event_id": _add_events(), **_questionnaire_load(scale)}
    _participants_load(organisation, scale)
    _cohort_data(scale)
    ids["story_id"] = _seed_stories(scale)
    ids["thread_id"] = _seed_conversations(scale)
    _seed_inbox(ids["thread_id"])
    # One open connection throughout, as production keeps them (CONN_MAX_AGE): inside a transaction the
    # test client's end-of-request hook does not close it.
    with transaction.atomic():
        return _measure_pages(runs, ids)


def _participants_load(organisation, scale):
    """participants: the cohort programme's applications and participants (not an app's load_data module,
    so it adds nothing to other benchmarks' data)."""
    from cop_platform.accounts.models import User as Person
    from tests.perf.load_participants import generate as generate_participants

    with scopes_disabled():
        users = list(Person.objects.filter(email__endswith=f"@{SLUG}.load.example.org").order_by("pk"))
        generate_participants(organisation=organisation, users=users, scale=scale)


def _measure_pages(runs, ids):
    pm = User.objects.get(email=f"person0@{SLUG}.load.example.org")
    admin = User.objects.get(email=f"person1@{SLUG}.load.example.org")
    results = {}
    for label, url in PAGES:
        url = url.format(**ids)  # {event_id}, {questionnaire}, {token}: the records made for the bench
        client = Client()
        client.force_login(admin if "people" in label else pm, backend="django.contrib.auth.backends.ModelBackend")
        client.get(url)  # warm up
        connection.queries_log.clear()  # a full log (it keeps 9,000) would hide new queries
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        timings.sort()
        results[label] = {
            "queries": queries,
            "median": statistics.median(timings),
            "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
            "peak_kib": peak / 1024,
        }
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="M", choices=["S", "M", "L"])
    parser.add_argument("--compare", default="S", choices=["S", "M", "L", "none"])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main_results = measure(args.scale, args.runs)
        base = measure(args.compare, args.runs) if args.compare != "none" and args.compare != args.scale else None
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {connection.vendor}; scale {args.scale}; {args.runs} runs per page")
    header = f"{'page':<26} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9}"
    if base:
        header += f" {'queries@' + args.compare:>10} {'median ratio':>13}"
    print(header)
    for label, r in main_results.items():
        line = f"{label:<26} {r['queries']:>7} {r['median']:>10.1f} {r['p95']:>8.1f} {r['peak_kib']:>9.0f}"
        if base:
            b = base[label]
            line += f" {b['queries']:>10} {r['median'] / b['median']:>13.2f}"
        print(line)


if __name__ == "__main__":
    main()
