"""Sharing a practice on the site itself: a step-by-step form over a PracticePage revision.

The member never sees the Wagtail admin: every step saves a revision of a non-live
PracticePage, submitting starts the page's moderation workflow, and the moderators keep
one queue in the admin. See docs/architecture.md, "Sharing a practice on the site".
"""
