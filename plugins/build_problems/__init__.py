from .build_problems import (
    NOT_UTF8,
    display_path,
    explain,
    field_line,
    header_line,
    read_source,
    register,
    report_problem,
)

__all__ = [
    "NOT_UTF8",
    "display_path",
    "explain",
    "field_line",
    "header_line",
    "read_source",
    "register",
    "report_problem",
]
