from .search import index_site, register, wait_for_index

__all__ = ["index_site", "register", "wait_for_index"]
