from django.conf import settings


def portal(request):
    """Expose who publishes this copy of the portal, for the footer."""
    return {
        "portal_publisher": settings.PORTAL_PUBLISHER,
        "portal_publisher_url": settings.PORTAL_PUBLISHER_URL,
        "portal_publisher_contact": settings.PORTAL_PUBLISHER_CONTACT,
        "portal_information_requests_body": settings.PORTAL_INFORMATION_REQUESTS_BODY,
        "portal_information_requests_url": settings.PORTAL_INFORMATION_REQUESTS_URL,
        "portal_source_code_url": settings.PORTAL_SOURCE_CODE_URL,
        "portal_data_license": settings.PORTAL_DATA_LICENSE,
        "portal_data_license_url": settings.PORTAL_DATA_LICENSE_URL,
    }
