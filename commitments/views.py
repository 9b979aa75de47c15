from django.views.generic import TemplateView


class CommitmentIndexView(TemplateView):
    """List the Local Action Plan commitments (none is published yet)."""

    template_name = "commitments/index.html"
