"""What a reader's phone downloads first, for the weight tests: issue 16's budget."""

import gzip

# An article's HTML and the stylesheet, gzipped, images aside: about what a server sends in
# its first round trip.
FIRST_ROUND_TRIP = 14 * 1024


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9))
