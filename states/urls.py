from django.urls import path

from states import views

app_name = "states"

urlpatterns = [
    path("", views.national_progress, name="list"),
    path("mapa.geojson", views.states_geojson, name="geojson"),
    path("ir/", views.go_to_state, name="go-to-state"),
    path("<slug:slug>/", views.StateDetailView.as_view(), name="detail"),
]
