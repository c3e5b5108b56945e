"""Content-Security-Policy: strict on the public site, what Wagtail needs in the admin."""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/beheer/"
# Wagtail's admin sets inline styles and a few inline scripts; it still loads nothing from
# other hosts.
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-ancestors": ["'self'"],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_POLICY_UPDATE
        return parts
