"""Host-wide community pages directly under /<org>/ (e.g. the state of play)."""

app_name = "community_host"

urlpatterns = []
