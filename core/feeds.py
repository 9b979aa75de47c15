"""Atom feeds whose entries carry staff text as plain text, never as HTML."""

from django.utils.feedgenerator import Atom1Feed


class PlainTextAtom1Feed(Atom1Feed):
    """Atom1Feed with `<summary type="text">`: a reader shows staff text, it runs no markup.

    Django's Atom1Feed declares every summary `type="html"`, so a `<script>` typed in the
    admin would reach feed readers as markup.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("description") is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
