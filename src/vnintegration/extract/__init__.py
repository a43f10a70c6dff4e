"""The article import assistant: candidate figures and events from a pasted article, checked with the core's
rules before a person adds them to the data."""
