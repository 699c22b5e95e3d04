"""Events of the tenancy that the feature apps react to (the core never imports them).

``person_removed``: a person has been removed from an organisation. Sent by
``tenancy.services.person_remove`` inside its transaction, after their roles are gone and before their
``OrganisationMember`` row is deleted, with ``organisation``, ``user`` and ``by`` (who removed them).
Receivers run in the same transaction and tenant scope: whatever they raise undoes the removal.
"""

from django.dispatch import Signal

person_removed = Signal()
