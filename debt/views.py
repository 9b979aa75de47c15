from django.views.generic import TemplateView


class DebtIndexView(TemplateView):
    """List the states with a debt microsite (none is published yet)."""

    template_name = "debt/index.html"
