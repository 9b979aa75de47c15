"""Atom feeds dated by the facts they carry, signed by who published them, in plain text."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from core.models import known_reporter

# Stands in for "never changed" when a feed has no entry and no record behind it: a fixed
# instant, so a feed reader does not see a new `<updated>` on every request.
NEVER_CHANGED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom1Feed with `<summary type="text">`: a reader shows staff text, it runs no markup.

    Django's Atom1Feed declares every summary `type="html"`, so a `<script>` typed in the
    admin would reach feed readers as markup. A feed without entries reports the instant its
    view gives as `updated_when_empty` instead of Django's default, the request's time.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("description") is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})

    def latest_post_date(self):
        if self.items:
            return super().latest_post_date()
        return self.feed.get("updated_when_empty") or NEVER_CHANGED


def start_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant of a day, naive: the feed makes it aware in the portal's time zone."""
    return datetime.datetime.combine(day, datetime.time.min)


class FactDatedFeed(Feed):
    """A feed whose entries are dated by the fact each one reports, never by its loading.

    Subclasses give `item_date(item)` (the date the figure refers to, or the day an update was
    made public), `item_author_name(item)` (the institution that published it) and
    `updated_when_empty(obj)` (when the data behind an empty feed last changed). The feed's
    own author is whoever publishes this copy of the portal, unless a subclass names another.
    """

    feed_type = PlainTextAtom1Feed

    def author_name(self, obj):
        return settings.PORTAL_PUBLISHER

    def item_date(self, item) -> datetime.date:
        raise NotImplementedError

    def updated_when_empty(self, obj) -> datetime.datetime | None:
        return None

    def item_pubdate(self, item):
        return start_of_day(self.item_date(item))

    def item_updateddate(self, item):
        return start_of_day(self.item_date(item))

    def feed_extra_kwargs(self, obj):
        return {"updated_when_empty": self.updated_when_empty(obj)}


def source_author(source) -> str:
    """Who published a figure: the body that reported it or, when unknown, the outlet."""
    if source is None:
        return ""
    if known_reporter(source.reported_by):
        return source.reported_by
    return source.published_in
