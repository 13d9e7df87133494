from .table_of_contents import HEADER_FIELDS, register

__all__ = ["HEADER_FIELDS", "register"]
