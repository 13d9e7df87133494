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


def header_rules(headers_file):
    """The rules of a _headers file as [(path pattern, [(name, value)], {detached names})]."""
    rules = []
    for line in headers_file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), [], set()))
        elif line.strip().startswith("!"):
            rules[-1][2].add(line.strip()[1:].strip().lower())
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern, path):
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    return path == pattern


def headers_for(headers_file, path):
    """The headers Cloudflare Pages sends for `path` (its documented rules): those of every
    rule whose pattern matches, added up, less the names a matching rule detaches (`! Name`)
    from the other rules."""
    matching = [rule for rule in header_rules(headers_file) if _matches(rule[0], path)]
    pairs = []
    for pattern, headers, _ in matching:
        detached = set().union(*(gone for other, _, gone in matching if other != pattern))
        pairs += [(name, value) for name, value in headers if name.lower() not in detached]
    return pairs
