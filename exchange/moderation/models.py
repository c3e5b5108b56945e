"""Models of moderation."""
