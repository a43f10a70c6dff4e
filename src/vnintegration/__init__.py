"""Vietnam's international economic integration: hand-validated figures and the dashboard core."""

__version__ = "0.1.0"
