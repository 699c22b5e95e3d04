"""Access table for the programmes app's tenant URLs (see tests/isolation/access.py)."""

from cop_platform.tenancy.models import Role
from tests.isolation.access import COMMUNITY_MEMBERS

ACCESS = {
    # The lifecycle page reads like the other members-only pages; its forms are guarded within (the
    # check-in for those who run the community, the phase move for conveners and host staff).
    "programmes:lifecycle": COMMUNITY_MEMBERS,
}

# --- Readiness questionnaires (helper "questionnaire"): host staff only. The public answer page
# (/questionnaires/<token>/) is outside the tenant; tests/programmes/test_questionnaire.py covers it.
QUESTIONNAIRE_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
ACCESS.update({
    "programmes:questionnaires": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_create": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_edit": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_status": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_copy": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_delete": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_add": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_edit": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_remove": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_move": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_results": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_results_csv": QUESTIONNAIRE_STAFF,
})


def _questionnaire_arguments(tenant, *, community):
    """An open questionnaire of ``tenant`` with the booklet's questions and one response (made once)."""
    from django_scopes import scopes_disabled

    from programmes import services
    from programmes.models import Question, Questionnaire

    with scopes_disabled():
        questionnaire = Questionnaire.objects.filter(organisation=tenant.organisation, title="Crawler questionnaire"
                                                     ).first()
        if questionnaire is None:
            questionnaire = services.questionnaire_create(organisation=tenant.organisation, by=tenant.admin,
                                                          title="Crawler questionnaire")
        question = Question.objects.filter(questionnaire=questionnaire).order_by("order").first()
    return {"questionnaire_id": questionnaire.pk, "question_id": question.pk}
# --- end of readiness questionnaires


def url_arguments(tenant, *, community):
    return {**_questionnaire_arguments(tenant, community=community)}
