"""The value-cycle data pack of a community or a programme: a zip of CSV files and one XLSX workbook
(evidence, indicator values, stories, story steps), built in the background through
:mod:`cop_platform.builds`.

- **Consent.** The pack is for the organisation's own analysis (its reports), so it holds only what may go
  in the organisation's reports: evidence given for reports or public material, and stories approved *and*
  consented for reports (:func:`evaluation.rules.story_usable_for`, use ``"report"``). A story without that
  consent, or with it withdrawn, is not in the pack at all.
- **Anonymised stories.** No narrator's name or e-mail address: each story and each narrator is a
  pseudonymous reference (a keyed hash, stable across packs of the same organisation, meaningless outside it).
- **Formula injection.** Every cell goes through :func:`cop_platform.exports.cell_safe`; workbook text cells
  are stored as text.
- **Bounded work.** A fixed number of queries whatever the size: one per table.
"""

import hashlib
import hmac
import io
import zipfile

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from cop_platform.exports import csv_bytes, xlsx_bytes

from .. import rules

COMMUNITY_PACK_KIND = "evaluation.data_pack"
PROGRAMME_PACK_KIND = "evaluation.programme_data_pack"
PACK_USE = "report"  # the organisation's own reports: consent "report" or wider
REPORT_CONSENTS = ("report", "public")

EVIDENCE_HEADER = ["community", "date", "kind", "title", "description or quote", "link", "value cycles",
                   "where the knowledge came from", "may be used"]
VALUES_HEADER = ["community", "value cycle", "indicator", "how it is measured", "how often", "date", "value",
                 "note"]
STORIES_HEADER = ["story", "narrator", "community", "title", "form", "status", "may be used", "furthest cycle",
                  "approved on", "steps"]
STEPS_HEADER = ["story", "position", "story spine part", "value cycle (narrator)", "value cycle (evaluator)",
                "aspirational", "evidence status", "text"]


def pseudonym(organisation_id, what, pk):
    """A stable pseudonymous reference for a record of ``what`` (``story``, ``narrator``): a keyed hash of the
    organisation and the id, so nothing in it leads back to a person or a URL."""
    if pk is None:
        return ""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{what}:{organisation_id}:{pk}".encode(),
                      hashlib.sha256).hexdigest()
    return f"{what[0].upper()}-{digest[:10]}"


def _cycle_name(key):
    found = rules.cycle(key)
    return found.name if found else (key or "")


def pack_rows(organisation, community_ids):
    """The four tables of the pack for ``community_ids`` of ``organisation``: four queries in all."""
    from ..models import Evidence, IndicatorValue, StoryStep, ValueCreationStory

    evidence = (Evidence.objects.filter(organisation=organisation, community_id__in=community_ids,
                                        consent__in=REPORT_CONSENTS)
                .select_related("community").order_by("community__name", "-date", "pk"))
    values = (IndicatorValue.objects.filter(organisation=organisation, indicator__community_id__in=community_ids)
              .select_related("indicator__community").order_by("indicator__community__name", "indicator__cycle",
                                                                "indicator__name", "date", "pk"))
    stories = (ValueCreationStory.objects.filter(organisation=organisation, community_id__in=community_ids,
                                                 status="approved", consent__in=REPORT_CONSENTS)
               .select_related("community")
               .prefetch_related(Prefetch("steps", queryset=StoryStep.objects.order_by("position", "pk")))
               .order_by("community__name", "pk"))
    evidence_rows = [[e.community.name if e.community else "", e.date, e.get_kind_display(), e.title, e.text, e.url,
                      ", ".join(_cycle_name(k) for k in e.cycles or []), e.get_source_display(), e.consent]
                     for e in evidence]
    value_rows = [[v.indicator.community.name, _cycle_name(v.indicator.cycle), v.indicator.name,
                   v.indicator.how_measured, v.indicator.get_frequency_display(), v.date, v.value, v.note]
                  for v in values]
    story_rows, step_rows = [], []
    for story in stories:
        if not story.usable_for(PACK_USE):  # the one rule decides; the query only narrows
            continue
        ref = pseudonym(organisation.pk, "story", story.pk)
        steps = list(story.steps.all())
        furthest = rules.furthest_cycle([(s.cycle, s.recoded_cycle, s.aspirational) for s in steps])
        story_rows.append([ref, pseudonym(organisation.pk, "narrator", story.narrator_id), story.community.name,
                           story.title, story.get_form_display(), story.get_status_display(), story.consent,
                           furthest.name if furthest else "",
                           timezone.localdate(story.approved_at) if story.approved_at else "", len(steps)])
        step_rows.extend([ref, n, s.spine_label, _cycle_name(s.cycle), _cycle_name(s.recoded_cycle),
                          s.aspirational, s.get_evidence_status_display(), s.text]
                         for n, s in enumerate(steps, start=1))
    return {"evidence": evidence_rows, "indicator values": value_rows, "stories": story_rows,
            "story steps": step_rows}


README = """{title}

Made on {made} for {organisation}'s own reports. Not for publication outside the organisation: it holds
counts of any size.

What is in it:
- evidence.csv: evidence items given for reports or public material;
- indicator-values.csv: the values recorded for the communities' own indicators;
- stories.csv and story-steps.csv: value-creation stories approved for reports, with the narrator's consent
  for reports. Stories and narrators are pseudonymous references; the steps are the narrators' own words.
- data-pack.xlsx: the same four tables as sheets.

Every cell that could start a spreadsheet formula (= + - @) begins with an apostrophe.
"""


def pack_zip(organisation, community_ids, *, title, progress):
    progress(10, "Gathering evidence, values and stories")
    tables = pack_rows(organisation, community_ids)
    headers = {"evidence": EVIDENCE_HEADER, "indicator values": VALUES_HEADER, "stories": STORIES_HEADER,
               "story steps": STEPS_HEADER}
    progress(60, "Writing the CSV files and the workbook")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(title=title, organisation=organisation.name,
                                                     made=timezone.localdate().isoformat()))
        for name, rows in tables.items():
            archive.writestr(f"{name.replace(' ', '-')}.csv", csv_bytes(headers[name], rows))
        archive.writestr("data-pack.xlsx", xlsx_bytes([(name, headers[name], rows) for name, rows in tables.items()]))
    progress(95, "Saving the zip")
    return buffer.getvalue()


def build_community_pack(build, progress):
    from communities.models import Community
    from cop_platform.builds import BuildFailed

    community = Community.objects.select_related("organisation").filter(pk=build.target_id).first()
    if community is None:
        raise BuildFailed("The community no longer exists.")
    content = pack_zip(community.organisation, [community.pk], title=f"Data pack: {community.name}",
                       progress=progress)
    return f"data-pack-{community.slug}.zip", content, "application/zip"


def build_programme_pack(build, progress):
    from cop_platform.builds import BuildFailed
    from programmes.models import Programme

    programme = Programme.objects.select_related("organisation").filter(pk=build.target_id).first()
    if programme is None:
        raise BuildFailed("The programme no longer exists.")
    community_ids = list(programme.communities.values_list("pk", flat=True))
    content = pack_zip(programme.organisation, community_ids, title=f"Data pack: {programme.name}",
                       progress=progress)
    return f"data-pack-{programme.slug}.zip", content, "application/zip"
