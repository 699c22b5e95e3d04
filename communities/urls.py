from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.community_home, name="home"),
]
