"""/invitations/<token>/: outside any tenant prefix; the token names the organisation."""

app_name = "invitations"

urlpatterns = []
