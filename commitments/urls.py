from django.urls import path

from commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="index"),
    # Before "<slug:state>/": "evaluacion" is not a state.
    path("evaluacion/", views.national_evaluation, name="evaluation"),
    path("<slug:state>/", views.state_plans, name="state"),
    path("<slug:state>/novedades.atom", views.ProgressFeed(), name="state-feed"),
    path("<slug:state>/<slug:plan>/", views.plan_detail, name="plan"),
    path("<slug:state>/<slug:plan>/evaluacion/", views.plan_evaluation, name="plan-evaluation"),
    path("<slug:state>/<slug:plan>/novedades.atom", views.ProgressFeed(), name="plan-feed"),
    path("<slug:state>/<slug:plan>/<int:pk>/", views.commitment_detail, name="detail"),
]
