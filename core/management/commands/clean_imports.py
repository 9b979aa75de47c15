from django.core.management.base import BaseCommand

from core.admin_imports import delete_stale_uploads


class Command(BaseCommand):
    help = "Delete admin uploads that were previewed but never confirmed, older than a day."

    def handle(self, *args, **options):
        deleted = delete_stale_uploads()
        self.stdout.write(f"{deleted} archivo(s) sin confirmar borrado(s).")
