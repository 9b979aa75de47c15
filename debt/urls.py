from django.urls import path

from debt import views

app_name = "debt"

urlpatterns = [
    path("", views.DebtIndexView.as_view(), name="index"),
]
