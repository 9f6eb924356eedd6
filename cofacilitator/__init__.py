"""cofacilitator: a calm, offline-first co-facilitator for cohort-based training."""

__version__ = "0.1.0"
