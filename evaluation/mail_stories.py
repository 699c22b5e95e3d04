"""The pulse's e-mails, composed at send time (so the link and the state are current): the offer after a
meeting's record is saved, and the follow-up about six weeks later to those who left a story seed."""

from django.conf import settings
from django.urls import reverse

from cop_platform.email import ComposedEmail, EmailCancelled

from .models import PulseAnswer


def compose_pulse(email):
    from communities.models import Meeting

    meeting_id, user_id = (int(part) for part in email.ref_id.split(":"))
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("community", "organisation").first()
    if meeting is None or meeting.is_cancelled:
        raise EmailCancelled("The meeting is gone or cancelled: no feedback to ask for.")
    if PulseAnswer.objects.filter(meeting=meeting, user_id=user_id).exists():
        raise EmailCancelled("The person has already given their feedback.")
    link = settings.SITE_URL + reverse("evaluation:pulse", kwargs={
        "org": meeting.organisation.slug, "slug": meeting.community.slug, "meeting_id": meeting.pk})
    title = " ".join(meeting.title.split())
    body = (f"Thank you for coming to {meeting.community.name}: {title}.\n\n"
            "Would you give a minute's feedback? Five quick questions: was it worth your time, could you "
            "contribute, what are you taking away, did you make a useful new connection, and is there "
            "something you plan to try.\n\n"
            f"Give your feedback: {link}\n\n"
            "You can turn off e-mails about meetings in your notification settings.\n")
    return ComposedEmail(subject=f"{meeting.community.name}: a minute's feedback on {title}"[:250], body_text=body)


def compose_follow_up(email):
    answer = (PulseAnswer.objects.filter(pk=int(email.ref_id))
              .select_related("story", "community", "organisation").first())
    if answer is None or answer.story is None or not answer.follow_up_consent:
        raise EmailCancelled("The plan or the consent to follow it up was withdrawn.")
    link = settings.SITE_URL + reverse("evaluation:story_follow_up", kwargs={
        "org": answer.organisation.slug, "slug": answer.community.slug, "story_id": answer.story_id})
    body = (f"About six weeks ago, after a meeting of {answer.community.name}, you said you planned to try:\n\n"
            f"    {' '.join(answer.plan.split())}\n\n"
            "How did it go? Five short questions: did you try it, what happened, what difference did it make, "
            "has it changed what good looks like, and what helped or got in the way. Your answers add to your "
            "story; you decide who may read it.\n\n"
            f"Tell us how it went: {link}\n")
    return ComposedEmail(subject=f"{answer.community.name}: how did it go?", body_text=body)
