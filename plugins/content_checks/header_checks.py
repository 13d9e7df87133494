"""Checks of an article's or page's header, with the line of each problem. Pure functions.

The header's fields are checked against the build's table of fields (blog_core.fields: the
core's and every plugin's); an article dated in the future is announced, never refused.
"""

from blog_core import ARTICLE, Problem, check_fields, italian_moment


def check_header(entries, kind, now, zone, table):
    """(problems, notices) for one file's header; `kind` is "article" or "page"."""
    problems, values = check_fields(entries, table, kind)
    notices = []
    if kind != ARTICLE or "date" not in values:
        return problems, notices
    entry, moment = values["date"]
    moment = moment.replace(tzinfo=zone)
    status = values.get("status", (None, "published"))[1]
    if moment > now and status != "draft":
        notices.append(
            Problem(
                entry.line,
                f"è datato {italian_moment(moment)}: comparirà sul sito con la prima "
                "pubblicazione da quel momento in poi (ogni venerdì alle 9 ce n'è una). Se non "
                "è pronto, aggiungi «Status: draft».",
            )
        )
    return problems, notices
