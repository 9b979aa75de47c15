from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["reported_by", "published_in", "published_on", "confidence", "key"]
    list_filter = ["confidence"]
    search_fields = ["reported_by", "published_in", "url", "key", "notes"]
