"""typogrify's output (typogrify 2.1.0 with smartypants 2.0.2) at a fraction of its cost.

`typogrify()` returns exactly the string `typogrify.filters.typogrify` returns with the same
settings, for any input: the libraries stay installed as the reference the tests compare with
(tests/plugins/test_core_typography.py). The libraries run one regex pass after another over the
whole text, compile their patterns on every call, tokenize the HTML twice in Python and try
widont's pattern at every word. Here, each step keeps the library's own patterns and order, and:
- a step whose characters are absent is skipped (it would return its input unchanged);
- the HTML is tokenized once (after amp, which adds tags) for both smartypants and caps:
  smartypants only rewrites text tokens, adding no `<`, `>` or `--` (and leaving none), so its
  output has the same tokens; the one exception is a comment smartypants treats as text (it has
  `--` inside), whose dashes it rewrites: then caps tokenizes smartypants' output, as the library;
- caps tries its pattern only at the runs of capitals where a match can start;
- widont's pattern is only tried where a match can start: each of its matches ends at a closing
  p/h1-6/li/dt/dd tag or at the end of the text, and starts just before the whitespace that
  precedes the last word there;
- initial_quotes' `^` can only match at the start, so past it the pattern starts with `<`.
"""

import functools
import re

FILTERS = ("amp", "smartypants", "caps", "initial_quotes", "widont")


# process_ignores: the sections of the text in an ignored tag are kept as they are. ---------


@functools.lru_cache(maxsize=16)
def ignore_finder(ignore_tags):
    """typogrify's ignore pattern for `ignore_tags` (a tuple), built by its very steps: their
    set operations fix the order of the alternatives, which decides some matches."""

    def _filter_tag(match):
        tag = match.group(1) if match.group(1) != "" else r"[^\s.#<>]+"
        attribute = "class" if match.group(2)[0] == "." else "id"
        attribute_value = match.group(2)[1:]
        _filter_tag.group += 1
        return rf"""
                 (?: {tag}
                 (?= [^>]*?
                 {attribute} \s*=\s*
                 (['"]) {attribute_value} \{_filter_tag.group}
                 ))"""

    _filter_tag.group = 1
    tags = set(map(lambda x: x.strip(), ignore_tags)) | {"pre", "code"}  # noqa: C417
    non_filtered_tags = set(filter(lambda x: "." not in x and "#" not in x, tags))
    generic_filtered_tags = set(filter(lambda x: x.startswith((".", "#")), tags))
    filtered_tags = tags - (non_filtered_tags | generic_filtered_tags)
    filtered_tags = filter(
        lambda x: not any(tag in x for tag in generic_filtered_tags), filtered_tags
    )
    filtered_tags = filter(lambda x: not any(tag in x for tag in non_filtered_tags), filtered_tags)

    def sub(tag):
        return re.sub(r"^([^\s.#<>]*)([.#][^\s.#<>]+)$", _filter_tag, tag)

    generic_filtered_tags = list(map(sub, generic_filtered_tags))
    filtered_tags = list(map(sub, filtered_tags))
    alternatives = list(non_filtered_tags | set(generic_filtered_tags) | set(filtered_tags))
    ignore_regex = r"(?:<(%s)[^>]*>.*?</\1>)" % "|".join(alternatives)  # noqa: UP031
    return re.compile(ignore_regex, re.IGNORECASE | re.DOTALL | re.VERBOSE)


def sections(text, finder):
    """(section, processed?) in order, as typogrify.filters.process_ignores."""
    position = 0
    for section in finder.finditer(text):
        start, end = section.span()
        if position != start:
            yield text[position:start], True
        yield text[start:end], False
        position = end
    if position < len(text):
        yield text[position:], True


# amp -----------------------------------------------------------------------------------------

AMP_TAG = r"</?\w+((\s+\w+(\s*=\s*(?:\".*?\"|'.*?'|[^'\">\s]+))?)+\s*|\s*)/?>"
AMP_FINDER = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")
# What any match of AMP_FINDER holds, found faster: the search starts at a `&`.
AMP_HINT = re.compile(r"&(?:amp;|\#38;)?(?:\s|&nbsp;)")
AMP_INTRA_TAG = re.compile(
    r"(?P<prefix>(%s)?)(?P<text>([^<]*))(?P<suffix>(%s)?)" % (AMP_TAG, AMP_TAG)  # noqa: UP031
)


def _amp_section(groups):
    prefix = groups.group("prefix") or ""
    text = AMP_FINDER.sub(r"""\1<span class="amp">&amp;</span>\3""", groups.group("text"))
    suffix = groups.group("suffix") or ""
    return prefix + text + suffix


def amp(text):
    # A match inside a piece of the text is a match in the whole text (the pattern looks at
    # nothing around it): none in the whole text, and every piece comes back unchanged.
    if AMP_HINT.search(text) is None:
        return text
    return AMP_INTRA_TAG.sub(_amp_section, text)


# The tokens smartypants and caps share -------------------------------------------------------

# smartypants._tokenize's tag_soup, split on its tags: after any text, the first `<` starts the
# next tag, tried as a comment first; with no `>` after it, the rest is text. re.split finds the
# same tags (a search can only succeed at that `<`, and fails for good where the match fails).
TAG = re.compile(r"(<!--.*?--\s*>|<[^>]*>)", re.S)


def is_text_comment(tag):
    """A comment with `--` inside, which smartypants tokenizes (and educates) as text."""
    return tag.startswith("<!--") and "--" in tag[4:].rstrip(">").rstrip().rstrip("-")


# smartypants ---------------------------------------------------------------------------------

SMARTYPANTS_SKIP = re.compile("<(/)?(pre|samp|code|tt|kbd|script|style|math)[^>]*>", re.I)
NON_SPACE = re.compile(r"\S")
PUNCT_CLASS = r"""[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]"""
CLOSE_CLASS = r"[^\ \t\r\n\[\{\(\-]"
DEC_DASHES = "&#8211;|&#8212;"
OPENING_QUOTE = r"""
            (
                \s          |   # a whitespace char, or
                &nbsp;      |   # a non-breaking space entity, or
                --          |   # dashes, or
                &[mn]dash;  |   # named dash entities
                %s          |   # or decimal entities
                &\#x201[34];    # or hex
            )
            %s                # the quote
            (?=\w)            # followed by a word character
            """
# convert_quotes' substitutions in its order, each with the quotes it needs to match anything.
QUOTE_STEPS = (
    ("'", re.compile(r"""^'(?=%s\\B)""" % (PUNCT_CLASS,)), "&#8217;"),  # noqa: UP031
    ('"', re.compile(r"""^"(?=%s\\B)""" % (PUNCT_CLASS,)), "&#8221;"),  # noqa: UP031
    ("'\"", re.compile(r""""'(?=\w)"""), "&#8220;&#8216;"),
    ("'\"", re.compile(r"""'"(?=\w)"""), "&#8216;&#8220;"),
    ("'", re.compile(r"""\b'(?=\d{2}s)"""), "&#8217;"),
    ("'", re.compile(OPENING_QUOTE % (DEC_DASHES, "'"), re.VERBOSE), r"\1&#8216;"),
    ("'", re.compile(r"(%s)'(?!\s | s\b | \d)" % (CLOSE_CLASS,), re.VERBOSE), r"\1&#8217;"),  # noqa: UP031
    ("'", re.compile(r"(%s)'(\s | s\b)" % (CLOSE_CLASS,), re.VERBOSE), r"\1&#8217;\2"),  # noqa: UP031
    ("'", re.compile("'"), "&#8216;"),
    ('"', re.compile(OPENING_QUOTE % (DEC_DASHES, '"'), re.VERBOSE), r"\1&#8220;"),
    ('"', re.compile(r'"(?=\s)', re.VERBOSE), "&#8221;"),
    ('"', re.compile(r'^"(?=%s)' % (PUNCT_CLASS,), re.VERBOSE), "&#8221;"),  # noqa: UP031
    ('"', re.compile(r'(%s)"' % (CLOSE_CLASS,), re.VERBOSE), r"\1&#8221;"),  # noqa: UP031
    ('"', re.compile('"'), "&#8220;"),
)
# smartypants' dashes for each TYPOGRIFY_DASHES (Attr.set1, set2, set3; any other value is
# set1, as in Pelican): (typed, entity) replaced in this order.
DASH_STEPS = {
    "default": (("--", "&#8212;"),),
    "oldschool": (("---", "&#8212;"), ("--", "&#8211;")),
    "oldschool_inverted": (("---", "&#8211;"), ("--", "&#8212;")),
}
ESCAPES = (
    ("\\\\", "&#92;"),
    ('\\"', "&#34;"),
    ("\\'", "&#39;"),
    ("\\.", "&#46;"),
    ("\\-", "&#45;"),
    ("\\`", "&#96;"),
)


def convert_quotes(text):
    """smartypants.convert_quotes: a step needing a quote the text lacks is left out (each step
    only turns quotes into entities, so a quote absent at the start stays absent)."""
    present = [quote for quote in "'\"" if quote in text]
    if not present:
        return text
    for needed, pattern, replacement in QUOTE_STEPS:
        if all(quote in present for quote in needed):
            text = pattern.sub(replacement, text)
    return text


def replacements(text, dash_steps):
    """smartypants' replacements before its quotes, in its order, as (typed, entity): only
    those whose characters `text` holds, as none of them makes the characters of another."""
    steps = []
    if "\\" in text:
        steps.extend(ESCAPES)
    if "&quot;" in text:
        steps.append(("&quot;", '"'))  # Attr.w
    if "--" in text:
        steps.extend(dash_steps)
    for typed, entity in (
        ("...", "&#8230;"),
        (". . .", "&#8230;"),
        ("``", "&#8220;"),
        ("''", "&#8221;"),
    ):
        if typed in text:
            steps.append((typed, entity))
    return steps


def educate(text, previous_last_char, steps):
    """What smartypants makes of one text token outside its skipped tags (Attr.q, b, the
    dashes, e and w), with `steps` from replacements() for a text holding the token."""
    for typed, entity in steps:
        text = text.replace(typed, entity)
    if "'" not in text and '"' not in text:
        return text
    if text == "'":
        return "&#8217;" if NON_SPACE.match(previous_last_char) else "&#8216;"
    if text == '"':
        return "&#8221;" if NON_SPACE.match(previous_last_char) else "&#8220;"
    return convert_quotes(text)


# caps ----------------------------------------------------------------------------------------

CAPS_SKIP = re.compile("<(/)?(?:kbd|script)[^>]*>", re.IGNORECASE)
CAP_FINDER = re.compile(
    r"""(
                            (\b[A-Z\d]*        # Group 2: Any amount of caps and digits
                            [A-Z]\d*[A-Z]      # A cap string much at least include two caps (but they can have digits between them)
                            [A-Z\d']*\b)       # Any amount of caps and digits or dumb apostsrophes
                            | (\b[A-Z]+\.\s?   # OR: Group 3: Some caps, followed by a '.' and an optional space
                            (?:[A-Z]+\.\s?)+)  # Followed by the same thing at least once more
                            (?:\s|\b|$))
                            """,  # noqa: E501 - typogrify's own pattern, as it is
    re.VERBOSE,
)
# What any match of CAP_FINDER holds: two capitals with only digits between, or "X." then "Y".
# (The first kind with the rest of its run: one hint per run, where a word has many.)
CAPS_HINT = re.compile(r"[A-Z]\d*[A-Z][A-Z\d]*|[A-Z]\.\s?[A-Z]")
CAPS_RUN = re.compile(r"[A-Z\d]*")


def _cap_wrapper(matchobj):
    if matchobj.group(2):
        return """<span class="caps">%s</span>""" % matchobj.group(2)  # noqa: UP031
    if matchobj.group(3)[-1] == " ":
        caps, tail = matchobj.group(3)[:-1], " "
    else:
        caps, tail = matchobj.group(3), ""
    return f"""<span class="caps">{caps}</span>{tail}"""


def capitals(text):
    r"""caps on one text token: CAP_FINDER tried only where a match can start, in order.

    A match starts a run of capitals and digits (a word boundary, then `[A-Z\d]`) where a
    CAPS_HINT starts. The first hint found in a run has only digits before it in the run
    (a capital before it would start a hint found first), unless a dotted hint (`A.B`) ends
    on the run's first character, itself a start then. `[A-Z\d]` is "A" to "Z" or
    str.isdecimal() (checked for every code point)."""
    starts = []
    run_end = 0
    for hint in CAPS_HINT.finditer(text):
        start = hint.start()
        if start >= run_end:  # the first hint of its run
            run_end = CAPS_RUN.match(text, start).end()
            while start and text[start - 1].isdecimal():
                start -= 1
            starts.append(start)
        if hint.end() > run_end:  # a dotted hint, ending on the first capital of a run
            starts.append(hint.end() - 1)
    if not starts:
        return text
    pieces = []
    done = 0
    for start in sorted(set(starts)):
        if start < done:
            continue
        match = CAP_FINDER.match(text, start)  # its \b sees the character before `start`
        if match:
            pieces += [text[done:start], _cap_wrapper(match)]
            done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def smartypants_and_caps(text, dash_steps, do_smartypants, do_caps):
    """smartypants (with Attr.w) then caps, over one tokenization when that gives the same
    tokens (see the module's docstring)."""
    if do_smartypants and do_caps and "<!--" in text:
        text = token_pass(text, dash_steps, True, False)
        return token_pass(text, dash_steps, False, True)
    return token_pass(text, dash_steps, do_smartypants, do_caps)


def token_pass(text, dash_steps, do_smartypants, do_caps):
    steps = replacements(text, dash_steps) if do_smartypants else []
    # Left out when they would change nothing (smartypants makes no capitals).
    do_smartypants = do_smartypants and bool(steps or "'" in text or '"' in text)
    do_caps = do_caps and CAPS_HINT.search(text) is not None
    if not (do_smartypants or do_caps):
        return text
    parts = TAG.split(text)  # text, tag, text, tag, ..., text
    comments = "<!--" in text
    skipped = []  # smartypants' open skipped tags
    in_pre = False
    previous_last_char = ""
    in_skipped_tag = False  # caps' kbd or script
    # Without any of smartypants' or caps' skipped tags, their states never change.
    tags_matter = (
        do_smartypants and SMARTYPANTS_SKIP.search(text) or do_caps and CAPS_SKIP.search(text)
    )
    for index, token in enumerate(parts):
        if index & 1 and not (comments and is_text_comment(token)):
            if not tags_matter:
                continue
            if do_smartypants:
                skip_match = SMARTYPANTS_SKIP.match(token)
                if skip_match:
                    if not skip_match.group(1):
                        skipped.append(skip_match.group(2).lower())
                        in_pre = True
                    else:
                        if skipped and skip_match.group(2).lower() == skipped[-1]:
                            skipped.pop()
                        if not skipped:
                            in_pre = False
            if do_caps:
                close_match = CAPS_SKIP.match(token)
                in_skipped_tag = bool(close_match and close_match.group(1) is None)
            continue
        if not token:
            continue  # smartypants keeps no empty text token
        if do_smartypants:
            last_char = token[-1:]
            if not in_pre:
                token = educate(token, previous_last_char, steps)
            previous_last_char = last_char
        if do_caps and not in_skipped_tag:
            token = capitals(token)
        parts[index] = token
    return "".join(parts)


# initial_quotes ------------------------------------------------------------------------------

QUOTE_FINDER = re.compile(
    r"""((<(p|h[1-6]|li|dt|dd)[^>]*>|^)              # start with an opening p, h1-6, li, dd, dt or the start of the string
                                  \s*                                          # optional white space!
                                  (<(a|em|span|strong|i|b)[^>]*>\s*)*)         # optional opening inline tags, with more optional white space for each.
                                  (("|&ldquo;|&\#8220;)|('|&lsquo;|&\#8216;))  # Find me a quote! (only need to find the left quotes and the primes)
                                                                               # double quotes are in group 7, singles in group 8
                                  """,  # noqa: E501 - typogrify's own pattern, as it is
    re.VERBOSE,
)
# The same past the start of the text, where `^` cannot match: it starts with `<`, which the
# regex engine looks for directly instead of trying every position (same groups).
QUOTE_AFTER_TAG = re.compile(
    r"""((<(p|h[1-6]|li|dt|dd)[^>]*>)
         \s*
         (<(a|em|span|strong|i|b)[^>]*>\s*)*)
         (("|&ldquo;|&\#8220;)|('|&lsquo;|&\#8216;))""",
    re.VERBOSE,
)
QUOTES = ('"', "'", "&ldquo;", "&lsquo;", "&#8220;", "&#8216;")


def _quote_wrapper(matchobj):
    if matchobj.group(7):
        classname, quote = "dquo", matchobj.group(7)
    else:
        classname, quote = "quo", matchobj.group(8)
    return f"""{matchobj.group(1)}<span class="{classname}">{quote}</span>"""


def initial_quotes(text):
    if not any(quote in text for quote in QUOTES):
        return text
    first = QUOTE_FINDER.match(text)
    if first is None:
        return QUOTE_AFTER_TAG.sub(_quote_wrapper, text)
    return _quote_wrapper(first) + QUOTE_AFTER_TAG.sub(_quote_wrapper, text[first.end() :])


# widont --------------------------------------------------------------------------------------

WIDONT_FINDER = re.compile(
    r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s]) # must be proceeded by an approved inline opening or closing tag or a nontag/nonspace
                                   \s+                                             # the space to replace
                                   ([^<>\s]+                                       # must be flollowed by non-tag non-space characters
                                   \s*                                             # optional white space!
                                   (</(a|em|span|strong|i|b)>\s*)*                 # optional closing inline tags with optional white space after each
                                   ((</(p|h[1-6]|li|dt|dd)>)|$))                   # end with a closing p, h1-6, li or the end of the string
                                   """,  # noqa: E501 - typogrify's own pattern, as it is
    re.VERBOSE,
)
# Where every match of WIDONT_FINDER ends: a closing block tag, or the end of the text.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
# Read backwards from such an end (in the reversed text): the whitespace and closing inline
# tags a match allows there, the last word, the whitespace before it (which widont replaces).
LAST_WORD_REVERSED = re.compile(r"(?:\s|>(?:a|b|i|me|naps|gnorts)/<)*[^<>\s]+\s+")


def widont_starts(text):
    """Every position a match of WIDONT_FINDER can start at (and some where it cannot), in
    order. A match is `lead`, whitespace, the last word before an end, then only whitespace
    and closing inline tags; `lead` is the character before the whitespace or, when that is
    `>`, a tag from any `<` after the `>` before it."""
    reversed_text = text[::-1]
    length = len(text)
    starts = []
    ends = [match.start() for match in BLOCK_END.finditer(text)]
    ends.append(length)
    for end in ends:
        found = LAST_WORD_REVERSED.match(reversed_text, length - end)
        if found is None:
            continue
        gap = length - found.end()
        if gap == 0:
            continue
        lead = text[gap - 1]
        if lead == ">":
            start = text.rfind(">", 0, gap - 1) + 1
            while (start := text.find("<", start, gap - 1)) != -1:
                starts.append(start)
                start += 1
        elif lead != "<":
            starts.append(gap - 1)
    return sorted(set(starts))


def widont(text):
    """typogrify's widont: its pattern tried only where a match can start, in the order its
    scan would reach them, each match consuming the text up to its end."""
    pieces = []
    done = 0
    for start in widont_starts(text):
        if start < done:
            continue
        match = WIDONT_FINDER.match(text, start)
        if match:
            pieces.append(text[done:start])
            pieces.append(match.group(1) + "&nbsp;" + match.group(2))
            done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


# typogrify -----------------------------------------------------------------------------------


def typogrify(text, ignore_tags=None, dashes="default", omitted_filters=()):
    """typogrify.filters.typogrify(text, ignore_tags, **{name: False for each omitted filter})
    with smartypants.Attr.default set as Pelican sets it for TYPOGRIFY_DASHES (set1, set2 or
    set3, with Attr.w): the same string."""
    omitted = set(omitted_filters)
    if omitted & {"text", "ignore_tags"}:  # typogrify's own arguments, given twice
        raise TypeError("typogrify() got multiple values for an argument")
    dash_steps = DASH_STEPS.get(dashes, DASH_STEPS["default"])
    finder = ignore_finder(tuple(ignore_tags or ()))
    rendered = []
    for section, processed in sections(text, finder):
        if not processed:
            rendered.append(section)
            continue
        unknown = [name for name in dict.fromkeys(omitted_filters) if name not in FILTERS]
        if unknown:
            raise TypeError("Unexpected keyword argument(s): %s" % unknown)  # noqa: UP031
        if "amp" not in omitted:
            section = amp(section)
        do_smartypants = "smartypants" not in omitted
        do_caps = "caps" not in omitted
        if do_smartypants or do_caps:
            section = smartypants_and_caps(section, dash_steps, do_smartypants, do_caps)
        if "initial_quotes" not in omitted:
            section = initial_quotes(section)
        if "widont" not in omitted:
            section = widont(section)
        rendered.append(section)
    return "".join(rendered)
