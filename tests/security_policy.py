"""Reading a built site's security policy back: the `/*` block of _headers, a CSP's directives."""

# The HTML standard forbids these in a <meta> policy (browsers ignore them there): only a
# header can carry them.
HEADER_ONLY_DIRECTIVES = {"frame-ancestors", "report-uri", "sandbox"}


def headers_for_every_page(headers_file):
    """The `/*` block of a _headers file as (name, value) pairs."""
    lines = headers_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("/*")
    pairs = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        name, _, value = line.strip().partition(": ")
        pairs.append((name, value))
    return pairs


def directives(policy):
    """A Content-Security-Policy as {directive: [sources]}; a directive named twice is an error,
    since browsers would silently keep only the first."""
    parsed = {}
    for part in filter(str.strip, policy.split(";")):
        name, *sources = part.split()
        assert name.lower() not in parsed, f"{name} twice in {policy!r}"
        parsed[name.lower()] = sources
    return parsed
