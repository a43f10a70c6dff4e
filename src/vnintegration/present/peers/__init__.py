"""The Peers page: its figures, tables and words."""
