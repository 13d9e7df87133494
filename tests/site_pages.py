"""The pages of a built site a reader meets, found by following its links."""

from urllib.parse import urlsplit


def reader_pages(site, most_articles=4):
    """The pages of a built site a reader meets, one of each kind, found by following links.

    Whatever the content: the home and its page 2, the articles richest in markup (tables,
    images, footnotes, quotes, several authors), the first category, tag and author, the lists,
    every page (those no menu links to as well), the newsletter and its first digest, the 404 page.
    """
    home = site.soup("/")
    pages = ["/"]
    if site.exists("/pagina/2/"):
        pages.append("/pagina/2/")
    articles = [urlsplit(a["href"]).path for a in site.soup("/archivio/").select(".archive-list a")]
    richness = {
        url: len(site.soup(url).select(".article__body :is(table, img, blockquote, .footnote)"))
        + len(site.soup(url).select(".author-box"))
        for url in articles
    }
    pages += sorted(articles, key=lambda url: -richness[url])[:most_articles]
    for index, selector in (("/categorie/", ".term-index a"), ("/tag/", ".term-index a")):
        pages.append(index)
        first = site.soup(index).select_one(selector)
        if first:
            pages.append(urlsplit(first["href"]).path)
    pages.append("/autori/")
    first_author = site.soup("/autori/").select_one(".author-index__name a")
    if first_author:
        pages.append(urlsplit(first_author["href"]).path)
    pages.append("/archivio/")
    pages += [urlsplit(a["href"]).path for a in home.select(".site-footer a")]
    # Pages no menu links to, such as the newsletter's "check your inbox": every page's file.
    pages += [
        site.url_of(file)
        for file in site.html_files()
        if file.name == "index.html" and 'article class="page"' in file.read_text("utf-8")
    ]
    if site.exists("/newsletter/"):
        pages.append("/newsletter/")
        digest = site.soup("/newsletter/").select_one(".digest-archive a")
        if digest:
            pages.append(urlsplit(digest["href"]).path)
    pages.append("/404.html")
    # A site built for readers links with its whole address: keep the path.
    pages = [urlsplit(page).path for page in pages]
    return [
        page
        for page in dict.fromkeys(pages)
        if site.exists(page) and site.path(page).suffix == ".html"
    ]
