from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language the portal speaks: (code, name, url, is_current)."""
    request = context["request"]
    current = translation.get_language()
    return [
        (code, name, translate_url(request.get_full_path(), code), code == current)
        for code, name in settings.LANGUAGES
    ]
