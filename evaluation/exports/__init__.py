"""Files the evaluation work exports, built in the background through :mod:`cop_platform.builds`: the
value-cycle data pack of a community or a programme (zip of CSV files and an XLSX workbook) and the
brochure of the organisation's communities (PDF)."""

from .access import brochure_allowed, community_pack_allowed, programme_pack_allowed
from .brochure import BROCHURE_KIND, brochure_communities, brochure_context, brochure_pdf, build_brochure, suppressed
from .data_pack import (
    COMMUNITY_PACK_KIND,
    PROGRAMME_PACK_KIND,
    build_community_pack,
    build_programme_pack,
    pack_rows,
    pseudonym,
)

__all__ = ["BROCHURE_KIND", "COMMUNITY_PACK_KIND", "PROGRAMME_PACK_KIND", "brochure_allowed",
           "brochure_communities", "brochure_context", "brochure_pdf", "build_brochure", "build_community_pack",
           "build_programme_pack", "community_pack_allowed", "pack_rows", "programme_pack_allowed", "pseudonym",
           "register", "suppressed"]


def register():
    from cop_platform.builds import register_builder

    register_builder(COMMUNITY_PACK_KIND, label="Value-cycle data pack (CSV and XLSX, zip)",
                     target_type="communities.community", build=build_community_pack,
                     allowed=community_pack_allowed, button="Build the data pack (zip)")
    register_builder(PROGRAMME_PACK_KIND, label="Programme's value-cycle data pack (CSV and XLSX, zip)",
                     target_type="programmes.programme", build=build_programme_pack,
                     allowed=programme_pack_allowed, button="Build the programme's data pack (zip)")
    register_builder(BROCHURE_KIND, label="Brochure of our communities (PDF)", target_type="tenancy.organisation",
                     build=build_brochure, allowed=brochure_allowed, button="Build the brochure (PDF)")
