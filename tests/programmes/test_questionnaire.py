"""The readiness questionnaire: staff write, publish, read the results and export them; anyone with the
link answers, anonymously; bad input refused with a clear message and nothing lost; another tenant's staff
and people without a staff role see nothing; query counts flat with 1,000 responses."""

import copy
import csv
import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cop_platform.models import AuditEvent
from programmes import rules_questionnaire as rules
from programmes import services
from programmes.models import Answer, Choice, Question, Questionnaire, QuestionnaireStatus, Response
from tests.helpers import assert_queries_flat, count_queries

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test counts answers from nothing under a cache key prefix of its own, never by flushing the
    cache: on Redis that would wipe the counts of tests running at the same time in other processes."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"{caches['default'].get('KEY_PREFIX', '')}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = caches


def make(tenant, *, booklet=True, open_it=True, title="Readiness questionnaire"):
    with scopes_disabled():
        q = services.questionnaire_create(organisation=tenant.organisation, by=tenant.admin, title=title,
                                          booklet_questions=booklet)
        if open_it:
            services.questionnaire_set_status(organisation=tenant.organisation, by=tenant.admin, questionnaire=q,
                                              status=QuestionnaireStatus.OPEN)
        q.refresh_from_db()
    return q


def shape(q):
    """{position: (question, [choices])} in order."""
    with scopes_disabled():
        return [(question, list(question.choices.all())) for question in Question.objects.filter(questionnaire=q)]


def url(name, q, **extra):
    return reverse(f"programmes:{name}", kwargs={"org": q.organisation.slug, "questionnaire_id": q.pk, **extra})


def public(q):
    return reverse("questionnaire_public:answer", kwargs={"public_token": q.public_token})


def answer_data(q, *, first="Spot sepsis sooner", chosen=(0, 4), **texts):
    questions = shape(q)
    data = {f"q{questions[0][0].pk}": first}
    opportunities, choices = questions[1]
    data[f"q{opportunities.pk}"] = [str(choices[i].pk) for i in chosen]
    for i, (question, _) in enumerate(questions[2:], start=2):
        data[f"q{question.pk}"] = texts.get(f"t{i}", "")
    return data


def responses(q):
    with scopes_disabled():
        return Response.objects.filter(questionnaire=q).count()


def bulk_responses(q, n, *, start=0):
    """``n`` responses made in bulk: each answers the first question and chooses opportunities by turn."""
    questions = shape(q)
    (text_q, _), (opp_q, choices) = questions[0], questions[1]
    org = q.organisation
    with scopes_disabled():
        now = timezone.now()
        made = Response.objects.bulk_create([Response(organisation=org, questionnaire=q, submitted_at=now)
                                             for _ in range(n)])
        rows = []
        for i, response in enumerate(made, start=start):
            rows.append(Answer(organisation=org, response=response, question=text_q, text=f"Question number {i}"))
            rows.append(Answer(organisation=org, response=response, question=opp_q, choice=choices[i % 7]))
            if i % 2:
                rows.append(Answer(organisation=org, response=response, question=opp_q, choice=choices[(i + 1) % 7]))
        Answer.objects.bulk_create(rows)


# --- Services ----------------------------------------------------------------------------------------


def test_a_new_questionnaire_starts_as_a_draft_with_the_booklets_questions(world):
    q = make(world.a, open_it=False)
    questions = shape(q)
    assert q.status == QuestionnaireStatus.DRAFT
    assert [question.text for question, _ in questions] == [text for text, _, _ in rules.BOOKLET_QUESTIONS]
    assert [c.text for c in questions[1][1]] == list(rules.BOOKLET_QUESTIONS[1][2])
    assert len(q.public_token) >= 32
    with scopes_disabled():
        assert AuditEvent.objects.filter(organisation=world.a.organisation, action="questionnaire.created").exists()


def test_each_questionnaire_gets_its_own_unguessable_link(world):
    tokens = {make(world.a, open_it=False).public_token for _ in range(3)}
    assert len(tokens) == 3


def test_an_empty_questionnaire_cannot_open(world):
    q = make(world.a, booklet=False, open_it=False)
    with scopes_disabled(), pytest.raises(ValidationError, match="Add at least one question"):
        services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                                          status="open")


def test_status_moves_draft_open_closed_open_and_no_other(world):
    q = make(world.a, open_it=False)
    org, by = world.a.organisation, world.a.admin
    with scopes_disabled():
        with pytest.raises(ValidationError, match="cannot become closed"):
            services.questionnaire_set_status(organisation=org, by=by, questionnaire=q, status="closed")
        for status in ("open", "closed", "open"):
            services.questionnaire_set_status(organisation=org, by=by, questionnaire=q, status=status)
        with pytest.raises(ValidationError, match="cannot become that"):
            services.questionnaire_set_status(organisation=org, by=by, questionnaire=q, status="nonsense")


@pytest.mark.parametrize("title,message", [
    ("", "Enter the title."),
    ("   ", "Enter the title."),
    ("x" * 201, "Keep the title to 200 characters or fewer: it has 201."),
])
def test_bad_titles_are_refused(world, title, message):
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.questionnaire_create(organisation=world.a.organisation, by=world.a.admin, title=title)
    assert caught.value.message_dict == {"title": [message]}


def test_services_refuse_another_tenants_records(world):
    q = make(world.b)
    with scopes_disabled():
        question = Question.objects.filter(questionnaire=q).first()
        for call in (
            lambda: services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin,
                                                      questionnaire=q, status="closed"),
            lambda: services.questionnaire_update(organisation=world.a.organisation, by=world.a.admin,
                                                  questionnaire=q, title="Mine now"),
            lambda: services.questionnaire_delete(organisation=world.a.organisation, by=world.a.admin, questionnaire=q),
            lambda: services.question_remove(organisation=world.a.organisation, by=world.a.admin, question=question),
            lambda: services.response_submit(organisation=world.a.organisation, questionnaire=q, answers={}),
        ):
            with pytest.raises(ValidationError, match="another organisation"):
                call()
        assert Questionnaire.objects.get(pk=q.pk).status == QuestionnaireStatus.OPEN


def test_a_programme_of_another_tenant_is_refused(world):
    from programmes.models import Programme

    with scopes_disabled():
        other = Programme.objects.create(organisation=world.b.organisation, name="Beta programme", slug="beta")
        with pytest.raises(ValidationError, match="another organisation"):
            services.questionnaire_create(organisation=world.a.organisation, by=world.a.admin, title="T",
                                          programme=other)


def test_questions_are_added_changed_moved_and_removed_while_nobody_has_answered(world):
    q = make(world.a, open_it=False)
    org, by = world.a.organisation, world.a.admin
    with scopes_disabled():
        added = services.question_add(organisation=org, by=by, questionnaire=q, text="  Which region?  ",
                                      kind="one", required=True, choices="Yorkshire\n\nHumber\nyorkshire")
        assert added.text == "Which region?" and added.order == 6
        assert [c.text for c in added.choices.all()] == ["Yorkshire", "Humber"]
        services.question_update(organisation=org, by=by, question=added, text="Your region", kind="several",
                                 required=False, choices=["North", "South", "East"])
        added.refresh_from_db()
        assert (added.text, added.kind, added.required) == ("Your region", "several", False)
        assert [c.text for c in added.choices.all()] == ["North", "South", "East"]
        services.question_move(organisation=org, by=by, question=added, direction="up")
        texts = [x.text for x in Question.objects.filter(questionnaire=q)]
        assert texts[4:] == ["Your region", rules.BOOKLET_QUESTIONS[4][0]]
        services.question_remove(organisation=org, by=by, question=added)
        assert Question.objects.filter(questionnaire=q).count() == 5
        assert not Choice.objects.filter(question_id=added.pk).exists()


@pytest.mark.parametrize("text,kind,choices,field", [
    ("", "text", "", "text"),
    ("x" * 501, "text", "", "text"),
    ("Region?", "one", "Only one", "choices"),
    ("Region?", "text", "North\nSouth", "choices"),
    ("Region?", "several", "\n".join(str(i) for i in range(21)), "choices"),
    ("Region?", "sideways", "", "kind"),
])
def test_bad_questions_are_refused_on_the_field_at_fault(world, text, kind, choices, field):
    q = make(world.a, open_it=False)
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.question_add(organisation=world.a.organisation, by=world.a.admin, questionnaire=q, text=text,
                              kind=kind, choices=choices)
    assert list(caught.value.message_dict) == [field]


def test_questions_are_frozen_once_answered_but_the_title_may_change(world):
    q = make(world.a)
    bulk_responses(q, 1)
    org, by = world.a.organisation, world.a.admin
    with scopes_disabled():
        question = Question.objects.filter(questionnaire=q).first()
        for call in (
            lambda: services.question_add(organisation=org, by=by, questionnaire=q, text="More?", kind="text"),
            lambda: services.question_update(organisation=org, by=by, question=question, text="Changed", kind="text"),
            lambda: services.question_remove(organisation=org, by=by, question=question),
            lambda: services.question_move(organisation=org, by=by, question=question, direction="down"),
        ):
            with pytest.raises(ValidationError, match="can no longer change"):
                call()
        services.questionnaire_update(organisation=org, by=by, questionnaire=q, title="Renamed", introduction="")
        assert Questionnaire.objects.get(pk=q.pk).title == "Renamed"
        assert Question.objects.get(pk=question.pk).text == rules.BOOKLET_QUESTIONS[0][0]


def test_response_submit_records_text_and_each_chosen_choice(world):
    q = make(world.a)
    questions = shape(q)
    with scopes_disabled():
        response = services.response_submit(organisation=world.a.organisation, questionnaire=q, answers={
            questions[0][0].pk: "  Spot sepsis sooner ", questions[1][0].pk: [questions[1][1][0].pk,
                                                                             questions[1][1][3].pk]})
        answers = list(Answer.objects.filter(response=response).values_list("question_id", "choice_id", "text"))
    assert sorted(answers) == sorted([(questions[0][0].pk, None, "Spot sepsis sooner"),
                                      (questions[1][0].pk, questions[1][1][0].pk, ""),
                                      (questions[1][0].pk, questions[1][1][3].pk, "")])


def test_response_submit_refuses_a_closed_or_draft_questionnaire_and_a_blank_response(world):
    q = make(world.a)
    first = shape(q)[0][0]
    org = world.a.organisation
    with scopes_disabled():
        with pytest.raises(ValidationError, match="Answer at least one question"):
            services.response_submit(organisation=org, questionnaire=q, answers={})
        services.questionnaire_set_status(organisation=org, by=world.a.admin, questionnaire=q, status="closed")
        with pytest.raises(ValidationError, match="closed"):
            services.response_submit(organisation=org, questionnaire=q, answers={first.pk: "Late"})
        draft = make(world.a, open_it=False)
        with pytest.raises(ValidationError, match="closed"):
            services.response_submit(organisation=org, questionnaire=draft, answers={shape(draft)[0][0].pk: "x"})
    assert responses(q) == 0


def test_response_submit_refuses_a_choice_of_another_question(world):
    q, other = make(world.a), make(world.a, title="Other")
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.response_submit(organisation=world.a.organisation, questionnaire=q,
                                 answers={shape(q)[1][0].pk: [shape(other)[1][1][0].pk]})
    assert caught.value.message_dict == {f"q{shape(q)[1][0].pk}": ["Choose from the answers offered."]}


def test_deleting_takes_the_questions_and_responses_with_it(world):
    q = make(world.a)
    bulk_responses(q, 3)
    with scopes_disabled():
        services.questionnaire_delete(organisation=world.a.organisation, by=world.a.admin, questionnaire=q)
        assert not Questionnaire.objects.filter(pk=q.pk).exists()
        assert not Response.objects.filter(questionnaire_id=q.pk).exists()
        assert not Answer.objects.filter(question__questionnaire_id=q.pk).exists()
        event = AuditEvent.objects.get(organisation=world.a.organisation, action="questionnaire.deleted")
    assert "3 responses" in event.summary


# --- Staff pages --------------------------------------------------------------------------------------


def test_manager_creates_opens_and_copies_the_link(world, client_for):
    client = client_for(world.a.project_manager)
    org = world.a.organisation.slug
    response = client.post(reverse("programmes:questionnaire_create", kwargs={"org": org}),
                           {"title": "Readiness 2026", "introduction": "Tell us", "booklet_questions": "on"},
                           follow=True)
    text = response.content.decode()
    assert "saved as a draft" in text and rules.BOOKLET_QUESTIONS[1][2][4] in text
    with scopes_disabled():
        q = Questionnaire.objects.get(organisation=world.a.organisation, title="Readiness 2026")
    assert f"http://testserver/questionnaires/{q.public_token}/" in text
    response = client.post(url("questionnaire_status", q), {"status": "open"}, follow=True)
    assert "anyone with its link can answer" in response.content.decode()
    q.refresh_from_db()
    assert q.status == "open"


def test_the_list_searches_and_shows_counts(world, client_for):
    make(world.a, title="Sepsis readiness")
    q = make(world.a, title="Dementia readiness")
    bulk_responses(q, 2)
    client = client_for(world.a.admin)
    listing = reverse("programmes:questionnaires", kwargs={"org": world.a.organisation.slug})
    text = client.get(listing, {"q": "dementia"}).content.decode()
    assert "Dementia readiness" in text and "Sepsis readiness" not in text and "2 responses" in text
    text = client.get(listing, {"status": "draft"}).content.decode()
    assert "0 questionnaires" in text
    text = client.get(listing, {"q": "x" * 500, "status": "nonsense"}).content.decode()
    assert "Ensure this value has at most 200 characters" in text or "200 characters" in text


def test_hostile_title_is_stored_as_text_and_escaped(world, client_for):
    q = make(world.a, title=HOSTILE)
    client = client_for(world.a.admin)
    for page in (url("questionnaire", q), reverse("programmes:questionnaires",
                                                  kwargs={"org": world.a.organisation.slug})):
        text = client.get(page).content.decode()
        assert HOSTILE not in text and "&lt;script&gt;" in text
    text = Client().get(public(q)).content.decode()
    assert HOSTILE not in text and "&lt;script&gt;" in text


def test_the_question_form_says_what_is_wrong_and_keeps_what_was_typed(world, client_for):
    q = make(world.a, open_it=False)
    client = client_for(world.a.admin)
    response = client.post(url("questionnaire_question_add", q), {"text": "Which region?", "kind": "one",
                                                                   "choices": "Only Yorkshire"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Give at least two choices, one a line." in text and "Only Yorkshire" in text and "Which region?" in text
    assert len(shape(q)) == 5


def test_editing_a_frozen_questionnaires_question_says_why(world, client_for):
    q = make(world.a)
    bulk_responses(q, 1)
    client = client_for(world.a.admin)
    question = shape(q)[0][0]
    response = client.post(url("questionnaire_question_edit", q, question_id=question.pk),
                           {"text": "Changed", "kind": "text"})
    assert "can no longer change" in response.content.decode()
    assert "can no longer change" in client.get(url("questionnaire", q)).content.decode()


def test_move_and_remove_through_the_pages(world, client_for):
    q = make(world.a, open_it=False)
    client = client_for(world.a.admin)
    first, second = shape(q)[0][0], shape(q)[1][0]
    assert client.get(url("questionnaire_question_move", q, question_id=first.pk)).status_code == 405
    client.post(url("questionnaire_question_move", q, question_id=first.pk), {"direction": "down"})
    assert [x.pk for x, _ in shape(q)][:2] == [second.pk, first.pk]
    page = client.get(url("questionnaire_question_remove", q, question_id=first.pk))
    assert "Remove this question?" in page.content.decode()
    client.post(url("questionnaire_question_remove", q, question_id=first.pk))
    assert first.pk not in [x.pk for x, _ in shape(q)]


def test_delete_asks_first(world, client_for):
    q = make(world.a)
    client = client_for(world.a.admin)
    assert "Delete the questionnaire" in client.get(url("questionnaire_delete", q)).content.decode()
    with scopes_disabled():
        assert Questionnaire.objects.filter(pk=q.pk).exists()
    client.post(url("questionnaire_delete", q))
    with scopes_disabled():
        assert not Questionnaire.objects.filter(pk=q.pk).exists()


def test_another_tenants_staff_and_non_staff_cannot_see_results(world, client_for):
    q = make(world.a)
    bulk_responses(q, 2)
    assert client_for(world.b.admin).get(url("questionnaire_results", q)).status_code == 404
    assert client_for(world.b.admin).get(url("questionnaire_results_csv", q)).status_code == 404
    # Tenant B's own URL with tenant A's questionnaire id: looked up through the tenant, so not found.
    other = reverse("programmes:questionnaire_results", kwargs={"org": world.b.organisation.slug,
                                                                "questionnaire_id": q.pk})
    assert client_for(world.b.admin).get(other).status_code == 404
    for person in (world.a.member, world.a.convener, world.a.evaluator, world.a.panel_member):
        assert client_for(person).get(url("questionnaire_results", q)).status_code == 403
    assert Client().get(url("questionnaire_results", q)).status_code in (302, 404)


# --- The public page ----------------------------------------------------------------------------------


def test_anyone_with_the_link_answers_and_sees_thanks(world):
    q = make(world.a)
    client = Client()
    page = client.get(public(q))
    assert page.status_code == 200 and rules.BOOKLET_QUESTIONS[1][2][0] in page.content.decode()
    response = client.post(public(q), answer_data(q), follow=True)
    assert "Thank you" in response.content.decode()
    assert responses(q) == 1


def test_unknown_draft_and_closed_links_say_so(world):
    client = Client()
    assert client.get("/questionnaires/not-a-real-token/").status_code == 404
    assert client.get("/questionnaires/" + "x" * 300 + "/").status_code == 404
    draft = make(world.a, open_it=False)
    assert client.get(public(draft)).status_code == 404
    q = make(world.a)
    with scopes_disabled():
        services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                                          status="closed")
    page = client.get(public(q))
    assert page.status_code == 410 and "This questionnaire is closed" in page.content.decode()


def test_a_closed_questionnaire_refuses_answers(world):
    q = make(world.a)
    data = answer_data(q)
    with scopes_disabled():
        services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                                          status="closed")
    response = Client().post(public(q), data)
    assert response.status_code == 410 and "no longer takes answers" in response.content.decode()
    assert responses(q) == 0


def test_a_huge_answer_is_refused_with_the_limit_and_nothing_typed_is_lost(world):
    q = make(world.a)
    data = answer_data(q, first="a" * 6000, t2="Better care for patients")
    response = Client().post(public(q), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Keep the answer to 5,000 characters or fewer: it has 6,000." in text
    assert "Better care for patients" in text and 'checked' in text
    assert responses(q) == 0


def test_required_questions_and_bad_choices_get_a_message_each(world):
    q = make(world.a, open_it=False)
    with scopes_disabled():
        services.question_add(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                              text="Which region?", kind="one", required=True, choices="North\nSouth")
        services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                                          status="open")
    data = answer_data(q)
    data[f"q{shape(q)[1][0].pk}"] = ["999999"]
    text = Client().post(public(q), data).content.decode()
    assert "Choose one answer." in text
    assert "Choose from the answers offered." in text or "Select a valid choice" in text
    assert "There is a problem" in text
    assert responses(q) == 0


def test_hostile_answers_are_stored_as_text_and_escaped_in_the_results(world, client_for):
    q = make(world.a)
    Client().post(public(q), answer_data(q, first=HOSTILE))
    with scopes_disabled():
        assert Answer.objects.filter(question__questionnaire=q, text=HOSTILE).exists()
    text = client_for(world.a.admin).get(url("questionnaire_results", q)).content.decode()
    assert HOSTILE not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_answers_are_rate_limited_per_address_and_questionnaire(world, settings):
    settings.CONVENE_QUESTIONNAIRE_LIMIT_PER_ADDRESS_HOUR = 3
    q, other = make(world.a), make(world.a, title="Other")
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(3):
        assert client.post(public(q), answer_data(q)).status_code == 302
    refused = client.post(public(q), answer_data(q))
    assert refused.status_code == 429 and "the most allowed" in refused.content.decode()
    assert responses(q) == 3
    assert Client(REMOTE_ADDR="192.0.2.11").post(public(q), answer_data(q)).status_code == 302
    assert client.post(public(other), answer_data(other)).status_code == 302


def test_answering_needs_the_csrf_token(world):
    q = make(world.a)
    assert Client(enforce_csrf_checks=True).post(public(q), answer_data(q)).status_code == 403
    assert responses(q) == 0


# --- Results and CSV ----------------------------------------------------------------------------------


def test_results_show_counts_per_opportunity_and_written_answers_by_question(world, client_for):
    q = make(world.a)
    client = Client()
    client.post(public(q), answer_data(q, chosen=(0, 4), t2="Better care"))
    client.post(public(q), answer_data(q, first="Share what works", chosen=(4,), t4="Share what works well."))
    text = client_for(world.a.admin).get(url("questionnaire_results", q)).content.decode()
    assert "2 responses" in text
    networking = rules.BOOKLET_QUESTIONS[1][2][4]
    row = text[text.index(networking):text.index(networking) + 600]
    assert ">2</td>" in row.replace("</span>", "") or "</span>2</td>" in row
    assert "100%" in row
    assert "Better care" in text and "Share what works well." in text
    assert text.index(rules.BOOKLET_QUESTIONS[2][0], text.index("Written answers")) < text.index("Better care")


def test_csv_has_a_row_per_response_a_column_per_question_and_defuses_formulas(world, client_for):
    q = make(world.a)
    client = Client()
    client.post(public(q), answer_data(q, first='=HYPERLINK("http://example.org","x")', chosen=(0, 4)))
    client.post(public(q), answer_data(q, first="-1+1", chosen=(), t3="@SUM(A1)"))
    response = client_for(world.a.admin).get(url("questionnaire_results_csv", q))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Response", "Submitted at"]
    assert rows[0][2:] == [text for text, _, _ in rules.BOOKLET_QUESTIONS]
    assert len(rows) == 3
    assert rows[1][2] == "'=HYPERLINK(\"http://example.org\",\"x\")"
    assert rows[1][3] == "Peer-to-peer help in problem solving; " + rules.BOOKLET_QUESTIONS[1][2][4]
    assert rows[2][2] == "'-1+1" and rows[2][3] == "" and rows[2][5] == "'@SUM(A1)"


# --- Query counts --------------------------------------------------------------------------------------


def test_results_page_and_csv_query_counts_stay_flat_with_1000_responses(world, client_for):
    q = make(world.a)
    bulk_responses(q, 5)
    client = client_for(world.a.admin)
    before, _ = assert_queries_flat(client, url("questionnaire_results", q), lambda: bulk_responses(q, 1000, start=5))
    assert before <= 16
    text = client.get(url("questionnaire_results", q)).content.decode()
    assert "1,005 responses" in text or "1005 responses" in text
    response, queries = count_queries(lambda: client.get(url("questionnaire_results_csv", q)))
    assert len(response.content.decode("utf-8-sig").splitlines()) == 1006
    assert queries <= 12


def test_list_and_manage_pages_query_counts_stay_flat(world, client_for):
    q = make(world.a)
    client = client_for(world.a.admin)
    listing = reverse("programmes:questionnaires", kwargs={"org": world.a.organisation.slug})

    def grow():
        for i in range(5):
            bulk_responses(make(world.a, title=f"More {i}"), 3)
        bulk_responses(q, 30)

    assert_queries_flat(client, listing, grow)
    assert_queries_flat(client, url("questionnaire", q), lambda: bulk_responses(q, 30))


def test_public_page_query_count_does_not_grow_with_responses(world):
    q = make(world.a)
    assert_queries_flat(Client(), public(q), lambda: bulk_responses(q, 50))


# --- More bad input ------------------------------------------------------------------------------------


def test_hostile_questions_and_choices_are_escaped_on_the_public_page(world):
    q = make(world.a, booklet=False, open_it=False)
    with scopes_disabled():
        services.question_add(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                              text=HOSTILE, kind="one", choices=f"{HOSTILE}\nFine")
        services.questionnaire_set_status(organisation=world.a.organisation, by=world.a.admin, questionnaire=q,
                                          status="open")
    text = Client().get(public(q)).content.decode()
    assert HOSTILE not in text and text.count("&lt;script&gt;") >= 2


def test_a_request_too_big_to_read_is_refused_and_nothing_is_stored(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    q = make(world.a)
    response = Client().post(public(q), answer_data(q, first="a" * 200_000))
    assert response.status_code == 400
    assert responses(q) == 0


def test_questionnaires_cannot_name_an_organisation():
    from cop_platform.tenancy.models import validate_org_slug

    with pytest.raises(ValidationError, match="reserved"):
        validate_org_slug("questionnaires")


def test_an_empty_post_says_what_is_missing(world):
    q = make(world.a)
    text = Client().post(public(q), {}).content.decode()
    assert "Answer at least one question before sending." in text
    assert responses(q) == 0


def test_a_copy_is_a_draft_with_the_same_questions_its_own_link_and_no_answers(world, client_for):
    q = make(world.a)
    bulk_responses(q, 2)
    client = client_for(world.a.admin)
    assert client.get(url("questionnaire_copy", q)).status_code == 405
    response = client.post(url("questionnaire_copy", q), follow=True)
    assert "This is a copy, saved as a draft" in response.content.decode()
    with scopes_disabled():
        copy = Questionnaire.objects.exclude(pk=q.pk).get(organisation=world.a.organisation)
        assert AuditEvent.objects.filter(organisation=world.a.organisation, action="questionnaire.copied").exists()
    assert (copy.title, copy.status, responses(copy)) == ("Readiness questionnaire (copy)", "draft", 0)
    assert copy.public_token != q.public_token
    assert [(x.text, x.kind, [c.text for c in cs]) for x, cs in shape(copy)] == [
        (x.text, x.kind, [c.text for c in cs]) for x, cs in shape(q)]
    with scopes_disabled():  # the copy's questions are free to change; the original's stay frozen
        services.question_remove(organisation=world.a.organisation, by=world.a.admin, question=shape(copy)[0][0])
    assert len(shape(copy)) == 4 and len(shape(q)) == 5


def test_copy_refuses_another_tenants_questionnaire(world, client_for):
    q = make(world.b)
    assert client_for(world.a.admin).post(url("questionnaire_copy", q).replace("tenant-b", "tenant-a")
                                          ).status_code == 404
    with scopes_disabled(), pytest.raises(ValidationError, match="another organisation"):
        services.questionnaire_copy(organisation=world.a.organisation, by=world.a.admin, questionnaire=q)


@pytest.mark.django_db(transaction=True)
def test_a_response_waits_for_a_close_in_progress_and_is_then_refused():
    """Two connections: the manager's close holds the questionnaire's row; a response arriving meanwhile
    waits for it, then finds the questionnaire closed. Without the row lock it would be recorded."""
    import threading

    from django.db import connection, transaction

    from tests.conftest import _tenant

    tenant = _tenant("race", "Race Network")
    q = make(tenant)
    first = shape(q)[0][0]
    outcome = {}

    def respond():
        try:
            with scopes_disabled():
                services.response_submit(organisation=tenant.organisation, questionnaire=q,
                                         answers={first.pk: "Just in time?"})
            outcome["result"] = "recorded"
        except ValidationError as exc:
            outcome["result"] = exc.code
        finally:
            connection.close()

    with scopes_disabled(), transaction.atomic():
        services.questionnaire_set_status(organisation=tenant.organisation, by=tenant.admin, questionnaire=q,
                                          status="closed")
        worker = threading.Thread(target=respond)
        worker.start()
        worker.join(timeout=1)
        assert worker.is_alive(), "the response did not wait for the close in progress"
    worker.join(timeout=20)
    assert outcome == {"result": "closed"}
    assert responses(q) == 0
