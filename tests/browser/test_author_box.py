"""The author box on a 360 px phone: short, everything inside the screen, readable, easy to tap."""

import pytest

pytestmark = pytest.mark.browser

# The tests' own article by two authors, one with a photo and one with the initials avatar.
TWO_AUTHORS = "/i-numeri-del-primo-trimestre-della-bottega-online/"
BOX_LAYOUT = """box => {
  const rect = element => element.getBoundingClientRect();
  const photo = box.querySelector('.author-photo');
  const text = box.querySelector('.author-box__text');
  return {
    boxRight: rect(box).right,
    boxLeft: rect(box).left,
    boxHeight: rect(box).height,
    photoWidth: rect(photo).width,
    photoRight: rect(photo).right,
    photoLoaded: photo.complete && photo.naturalWidth > 0,
    textLeft: rect(text).left,
    textWidth: rect(text).width,
    fontSizes: [...text.querySelectorAll('.author-box__role, .author-box__more a')]
      .map(el => parseFloat(getComputedStyle(el).fontSize)),
    linkHeights: [...box.querySelectorAll('a')].map(a => rect(a).height),
    overflowing: [...box.querySelectorAll('*')].filter(el => rect(el).right > rect(box).right + 1)
      .map(el => el.className || el.tagName),
  };
}"""


def test_author_boxes_read_well_on_a_360px_phone(phone, features_url, tmp_path):
    phone.goto(features_url + TWO_AUTHORS)
    boxes = phone.locator(".author-box")
    assert boxes.count() == 2
    viewport_width = phone.viewport_size["width"]
    for index in range(2):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        box.locator(".author-photo").evaluate(
            "img => img.complete || new Promise(done => img.addEventListener('load', done))"
        )
        layout = box.evaluate(BOX_LAYOUT)
        assert layout["boxLeft"] >= 0 and layout["boxRight"] <= viewport_width, layout
        assert layout["overflowing"] == [], layout
        assert layout["photoLoaded"], layout
        # A short box: the photo beside the name, role and link, which keep most of the width.
        assert layout["photoWidth"] == 64, layout
        assert layout["textLeft"] >= layout["photoRight"], layout
        assert layout["textWidth"] > 200, layout
        assert layout["boxHeight"] < 200, layout
        assert len(layout["fontSizes"]) == 2 and min(layout["fontSizes"]) >= 16, layout
        assert len(layout["linkHeights"]) == 2 and min(layout["linkHeights"]) >= 24, layout
        box.screenshot(path=tmp_path / f"author-box-{index + 1}-360.png")
        assert (tmp_path / f"author-box-{index + 1}-360.png").stat().st_size > 0
    assert (
        phone.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        is False
    )
    phone.screenshot(path=tmp_path / "article-with-authors-360.png", full_page=True)
