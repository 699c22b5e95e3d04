"""Generated files under /<org>/files/ (cop_platform.builds): who may ask for, watch and download them.

The crawler's file is a ready dossier of the crawler's application (tests/conveners/builders.py): its
builder allows host admins and project managers only, so everyone else — the applicant included — gets
404 on every file URL, before any 405 for a wrong method.
"""

from tests.isolation.access import STAFF_FILE

ACCESS = {
    "build_new": STAFF_FILE,
    "build_status": STAFF_FILE,
    "build_download": STAFF_FILE,
    "build_rebuild": STAFF_FILE,
}


def url_arguments(tenant, *, community):
    from django.core.files.base import ContentFile
    from django_scopes import scopes_disabled

    from conveners.dossier import DOSSIER_KIND
    from cop_platform.models import Build, BuildStatus
    from tests.conveners.builders import crawler_records
    from tests.isolation.cast import cast_of

    application_id = crawler_records(tenant, applicant=cast_of(tenant).applicant)["application"]
    with scopes_disabled():
        build = Build.objects.filter(organisation=tenant.organisation, kind=DOSSIER_KIND,
                                     target_id=application_id).first()
        if build is None:
            build = Build(organisation=tenant.organisation, kind=DOSSIER_KIND, target_type="conveners.application",
                          target_id=application_id, status=BuildStatus.READY, progress=100,
                          filename="dossier-crawler.pdf", content_type="application/pdf")
            build.file.save("dossier-crawler.pdf", ContentFile(b"%PDF-1.7 crawler"), save=False)
            build.size = build.file.size
            build.save()
    return {"build_kind": DOSSIER_KIND, "build_target": application_id, "build_id": build.pk}
