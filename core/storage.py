"""The S3-compatible storage for uploaded files, when MEDIA_S3_BUCKET is set (optional:
`pip install django-storages[s3]`). Links still point at the portal (/media/…), which checks
that the file is public and sets safe headers, instead of at the bucket."""

from django.urls import reverse
from storages.backends.s3 import S3Storage


class PortalS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return reverse("media-file", args=[name])
