from django.urls import path

from debt import views

app_name = "debt"

urlpatterns = [
    path("", views.debt_index, name="index"),
    path("comparar/", views.compare, name="compare"),
    path("<slug:state>/", views.microsite, name="microsite"),
    path("<slug:state>/historica/", views.historical, name="historical"),
    path("<slug:state>/actual/", views.current, name="current"),
    path("<slug:state>/actual/documentados/", views.documented_loans, name="documented"),
    path("<slug:state>/actual/<int:pk>/", views.loan, name="loan"),
    path("<slug:state>/informe-ciudadano/", views.citizen_report, name="citizen-report"),
    path("<slug:state>/novedades.atom", views.NewFiguresFeed(), name="feed"),
]
