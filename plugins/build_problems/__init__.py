from .build_problems import display_path, explain, header_line, register, report_problem

__all__ = ["display_path", "explain", "header_line", "register", "report_problem"]
