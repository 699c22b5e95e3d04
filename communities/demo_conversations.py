"""The demo's conversations: a couple of threads with replies, a quote and mentions in the first lived-in
community of each host, written through the services (so the mentions and replies leave notification rows
for the demo logins). Idempotent: a community that has conversations is left as it is."""

from .models import LibraryItem, Membership, MembershipRole, Post, Thread
from .services import post_reply, thread_start


def seed_conversations(organisation, community):
    if Thread.objects.filter(community=community).exists():
        return
    members = list(Membership.objects.filter(community=community).select_related("user").order_by("pk"))
    convener = next((m.user for m in members if m.role == MembershipRole.CONVENER), None)
    others = [m.user for m in members if m.user != convener]
    if convener is None or len(others) < 2:
        return
    login = next((u for u in others if u.email.startswith("member@")), others[0])
    colleague = next(u for u in others if u != login)
    thread = thread_start(
        organisation=organisation, by=convener, community=community,
        title="Night-time escalation: what works on your wards?",
        body=("Several of you raised escalation at night at our last meeting. What has worked where you are?\n\n"
              "- who is called first\n- how the rota is shared\n- what the nurse in charge needs to know\n\n"
              f"@{login.display_name}, you mentioned a call-out card: could you say more?"))
    opening = Post.objects.filter(thread=thread).order_by("pk").first()
    post_reply(organisation=organisation, by=login, thread=thread, quote=opening,
               body=("We print a **call-out card** for each shift with the registrar's bleep and the outreach "
                     f"team's number. @{convener.display_name}, happy to bring one next time."))
    post_reply(organisation=organisation, by=colleague, thread=thread,
               body="Same here, and we added the card to the handover sheet so it is never missed.")
    item = LibraryItem.objects.filter(community=community).order_by("pk").first()
    link = f" It is in our library: [library:{item.pk}]." if item is not None else ""
    second = thread_start(
        organisation=organisation, by=colleague, community=community,
        title="Sharing our screening audit tool",
        body=f"We audited a month of screening on two wards and would love a second pair of eyes.{link}")
    post_reply(organisation=organisation, by=convener, thread=second,
               body=f"Thank you! @{login.display_name}, this is close to what your team asked about.")
