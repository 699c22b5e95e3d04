"""The demo's communities, per host slug (one module per host), read by ``communities.demo_base``."""

from . import cocreation, hin

COMMUNITIES = {
    "hin-south-london": hin.COMMUNITIES,
    "co-creation-network": cocreation.COMMUNITIES,
}
