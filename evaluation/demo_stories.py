"""Demo data for stories and the pulse (run by ``seed_demo`` through ``evaluation/demo.py``): in the HIN's Sepsis
community, pulse answers on its latest recorded meeting from those who came, and a value-creation story
told as a story spine in the manner of the programme report's impact stories (seed ``004_…``), shared with
consent for reports and approved by the evaluator; plus a member's story seed from the pulse, still a
draft. Everything through the services, as the person who would do it. Fictional; idempotent."""

from django_scopes import scope

from cop_platform.accounts.models import User

SPINE_TITLE = "From a paramedic's chart to screening within the hour"
SPINE = [
    ("once", "Our ward screened for sepsis by feel, and the night shift felt it least.", ""),
    ("every_day", "Every day patients waited for a doctor before anyone escalated.", ""),
    ("one_day", "One day at a community huddle a paramedic showed us the ambulance service's escalation chart.",
     "immediate"),
    ("because", "Because of that, we adapted it into a ward version with the ambulance service's help.", "potential"),
    ("because", "Because of that, the night shift used it on every patient with a fever.", "applied"),
    ("until", "Until finally, screening within the hour rose from about 60% to 85% over a quarter.", "realised"),
    ("ever_since", "And ever since then the trust audits screening within the hour every month.", "reframing"),
]
SEED_PLAN = "Try a two-minute sepsis huddle at the start of each night shift"


def seed(*, organisations, stdout):
    from communities.models import Attendance, Community, Meeting
    from evaluation import services
    from evaluation.models import PulseAnswer, ValueCreationStory

    organisation = organisations.get("hin-south-london")
    if organisation is None:
        return
    member = User.objects.filter(email="member@hin.example.org").first()
    evaluator = User.objects.filter(email="evaluator@hin.example.org").first()
    with scope(organisation=organisation):
        community = Community.objects.filter(organisation=organisation, slug="sepsis").first()
        if community is None or member is None:
            return
        meeting = (Meeting.objects.filter(community=community, recorded_at__isnull=False, cancelled_at__isnull=True)
                   .order_by("-starts_at").first())
        if meeting is not None:
            came = list(Attendance.objects.filter(meeting=meeting).select_related("user").order_by("pk")[:8])
            for n, attendance in enumerate(came):
                if PulseAnswer.objects.filter(meeting=meeting, user=attendance.user).exists():
                    continue
                services.pulse_answer_save(
                    organisation=organisation, by=attendance.user, meeting=meeting, worth_time=5 - n % 2,
                    could_contribute=4 - n % 3, takeaway=("idea", "tool", "contact", "confidence")[n % 4],
                    connection="Ambulance service" if n % 3 == 0 else "",
                    plan=SEED_PLAN if attendance.user == member else "", follow_up_consent=attendance.user == member)
        if ValueCreationStory.objects.filter(community=community, title=SPINE_TITLE).exists():
            return
        story = services.story_create_spine(organisation=organisation, by=member, community=community,
                                            title=SPINE_TITLE, parts=SPINE, consent="report")
        services.story_transition(organisation=organisation, by=member, story=story, to="shared")
        if evaluator is not None:
            services.story_transition(organisation=organisation, by=evaluator, story=story, to="approved",
                                      as_curator=True)
    stdout.write("Stories: pulse answers on Sepsis's latest meeting and an approved story spine.\n")
