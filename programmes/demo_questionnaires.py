"""Demo data of the readiness questionnaire (run by ``seed_demo`` through ``programmes/demo.py``): the
Co-Creation Network gets the booklet's questionnaire, open, with 20 anonymous responses made through the
services. The choices reproduce the booklet's counts per opportunity (6, 5, 4, 7, 8, 5, 4); the written
answers are short paraphrases of the anonymous answers the booklet prints (seed 003). Idempotent."""

from django_scopes import scope

COCREATION = "co-creation-network"
STAFF_EMAIL = "pm@cocreation.example.org"
RESPONSES = 20
# The booklet's counts per opportunity, in the order of its list.
BOOKLET_COUNTS = (6, 5, 4, 7, 8, 5, 4)

IMPROVEMENT_QUESTIONS = (
    "How can organisational design support continuous improvement?",
    "How can we establish improvement science as a true profession within the NHS?",
    "How do you build improvement into a clinical job when clinical priorities come first?",
    "How do we link staff who spot unmet technological needs with innovation hubs?",
    "Integrating care between primary, secondary and social care services.",
    "Sustaining improvement in community settings where you rarely see the staff.",
    "Improving patients' journeys along clinical pathways.",
    "Safety work around the deteriorating patient and sepsis, as a whole system.",
    "How do we capture and spread what has worked well, and what has not?",
    "How to improve quality within a reducing financial envelope.",
    "How to manage expectations and communicate them clearly.",
    "Breaking down barriers between organisations when budgets pull apart.",
    "Which improvements most improve quality of life for people with dementia and their carers?",
    "What does good post-diagnostic support look like in dementia care?",
    "Less local testing when we can buy in to neighbouring projects.",
)
PATIENTS = (
    "Improved quality of care by sharing ideas that have worked in practice.",
    "Best practice assimilated more quickly across services.",
    "Clarity of services, provided patients and carers are involved.",
    "A route for dialogue that includes a strong patient voice.",
    "Consistency and best practice.",
    "Increased innovation and new pathways for treatment and prevention.",
)
ORGANISATIONS = (
    "Improvement methods, successes and failures communicated more easily.",
    "A forum for working together and understanding variation.",
    "Less duplication and more generalisable evidence.",
    "Peer support, encouragement and examples of innovative practice.",
    "Shared learning and visibility of testing processes.",
)
NHS = (
    "Share what works well.",
    "Faster spread of good practice across the region.",
    "Better value through collaboration rather than competition.",
    "A more connected improvement workforce.",
)


def _chosen(count_index, responses=RESPONSES, counts=BOOKLET_COUNTS):
    """Which responses chose each opportunity: opportunity ``i`` goes to ``counts[i]`` responses in turn,
    so the totals are exactly the booklet's."""
    picks = [[] for _ in range(responses)]
    cursor = 0
    for choice_index, count in enumerate(counts):
        for _ in range(count):
            picks[cursor % responses].append(choice_index)
            cursor += 1
    return picks[count_index]


def seed(*, organisations, stdout):
    from django.contrib.auth import get_user_model

    from programmes import rules_questionnaire as rules
    from programmes import services
    from programmes.models import Question, Questionnaire, QuestionnaireStatus

    organisation = organisations.get(COCREATION)
    if organisation is None:
        return
    staff = get_user_model().objects.filter(email=STAFF_EMAIL).first()
    with scope(organisation=organisation):
        if Questionnaire.objects.filter(organisation=organisation, title=rules.BOOKLET_TITLE).exists():
            stdout.write("Questionnaire demo: already there.")
            return
        questionnaire = services.questionnaire_create(organisation=organisation, by=staff, title=rules.BOOKLET_TITLE,
                                                      introduction=rules.BOOKLET_INTRODUCTION)
        services.questionnaire_set_status(organisation=organisation, by=staff, questionnaire=questionnaire,
                                          status=QuestionnaireStatus.OPEN)
        questions = list(Question.objects.filter(questionnaire=questionnaire).prefetch_related("choices"))
        improvement, opportunities, patients, improvement_orgs, nhs = questions
        choices = list(opportunities.choices.all())
        for i in range(RESPONSES):
            answers = {improvement.pk: IMPROVEMENT_QUESTIONS[i % len(IMPROVEMENT_QUESTIONS)],
                       opportunities.pk: [choices[c].pk for c in _chosen(i)]}
            if i % 2 == 0:
                answers[patients.pk] = PATIENTS[(i // 2) % len(PATIENTS)]
            if i % 3 == 0:
                answers[improvement_orgs.pk] = ORGANISATIONS[(i // 3) % len(ORGANISATIONS)]
            if i % 4 == 1:
                answers[nhs.pk] = NHS[(i // 4) % len(NHS)]
            services.response_submit(organisation=organisation, questionnaire=questionnaire, answers=answers)
    stdout.write(f"Questionnaire demo: the readiness questionnaire of {organisation.name} is open with "
                 f"{RESPONSES} responses.")
