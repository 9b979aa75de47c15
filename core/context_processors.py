from django.conf import settings


def portal(request):
    """Expose who publishes this copy of the portal, for the footer."""
    return {
        "portal_publisher": settings.PORTAL_PUBLISHER,
        "portal_publisher_url": settings.PORTAL_PUBLISHER_URL,
        "portal_source_code_url": settings.PORTAL_SOURCE_CODE_URL,
        "portal_data_license": settings.PORTAL_DATA_LICENSE,
        "portal_data_license_url": settings.PORTAL_DATA_LICENSE_URL,
    }
