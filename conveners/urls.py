"""URLs under /<org>/calls/ (calls for conveners)."""

app_name = "conveners"

urlpatterns = []
