from .newsletter import WeekSummary, register, week_summary

__all__ = ["WeekSummary", "register", "week_summary"]
