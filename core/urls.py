"""The open-data addresses: the catalogue, one page per dataset, its files, the harvesters'."""

from django.urls import path, re_path

from core import views

urlpatterns = [
    path("", views.OpenDataView.as_view(), name="open-data"),
    path("datapackage.json", views.datapackage, name="open-data-datapackage"),
    path("catalogo.json", views.dcat_catalogue, name="open-data-dcat"),
    path("<slug:key>/", views.dataset_page, name="open-data-dataset"),
    re_path(
        r"^(?P<key>[a-z0-9-]+)\.(?P<file_format>csv|excel\.csv|xlsx|json)$",
        views.dataset_download,
        name="open-data-download",
    ),
]
