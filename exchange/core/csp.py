"""Content-Security-Policy: strict on the public site, what Wagtail needs in the admin."""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/beheer/"
# Wagtail's admin sets inline styles everywhere, shows image previews from blob: URLs and frames
# its own pages for previews; it still loads nothing from other hosts.
ADMIN_POLICY_REPLACE = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
# No inline scripts anywhere: the widgets Wagtail starts with inline <script>s are started by
# static/js/admin-init.js instead (see exchange/core/templates/wagtailadmin/).


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            parts.replace = ADMIN_POLICY_REPLACE
        return parts
