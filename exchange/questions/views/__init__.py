"""Question views, split by what they do: reading pages, actions (POST) and editing."""
