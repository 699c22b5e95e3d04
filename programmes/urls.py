from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("<slug:slug>/lifecycle/", views.lifecycle, name="lifecycle"),
]
