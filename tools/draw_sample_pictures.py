"""Draw the sample articles' featured images (content/images/copertina-*.jpg and .png).

Flat illustrations in the theme's colours (the custom properties of theme/static/css/style.css),
one for each article's subject, drawn with Pillow at twice their size and scaled down so the
edges are smooth. Run it again after changing the palette: `.venv/bin/python
tools/draw_sample_pictures.py`; the same Pillow draws the same bytes. Then update
plugins/go_live_checks/sample_files.sha256 (`sha256sum` in content/, see its README section).
"""

import math
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "theme" / "static" / "css" / "style.css"
IMAGES = ROOT / "content" / "images"
WIDTH, HEIGHT = 1600, 1000
SCALE = 2  # drawn at 2x, then scaled down: Pillow's shapes have no anti-aliasing
JPEG_QUALITY = 85
PROPERTY = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;")


def palette(css):
    """The theme's colours: the light ones by name, the dark scheme's as `dark-<name>`."""
    light, _, rest = css.partition("@media (prefers-color-scheme: dark)")
    colours = {name: value for name, value in PROPERTY.findall(light.split("}", 1)[0])}
    dark = rest.split("}", 1)[0]
    colours.update({f"dark-{name}": value for name, value in PROPERTY.findall(dark)})
    return colours


def rgb(value):
    return tuple(int(value[index : index + 2], 16) for index in (1, 3, 5))


def mix(first, second, amount):
    """`first` moved `amount` (0 to 1) of the way towards `second`."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


class Canvas:
    """A drawing at SCALE times the final size, in the final image's coordinates."""

    def __init__(self, background):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _box(box):
        return [value * SCALE for value in box]

    def rect(self, box, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self._box(box), radius * SCALE, fill=fill, outline=outline, width=width * SCALE
        )

    def ellipse(self, box, fill, outline=None, width=0):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SCALE)

    def polygon(self, points, fill):
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        scaled = [(x * SCALE, y * SCALE) for x, y in points]
        self.draw.line(scaled, fill=fill, width=width * SCALE, joint="curve")

    def finished(self):
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def backdrop(c):
    """The common ground: the page's background, two soft shapes, a floor line."""
    canvas = Canvas(c["bg"])
    canvas.ellipse((-200, 520, 700, 1300), c["soft"])
    canvas.ellipse((1150, -260, 1850, 440), c["soft"])
    canvas.rect((0, 860, WIDTH, HEIGHT), c["zebra"])
    return canvas


def shop_window(canvas, c):
    """Il primo e-commerce: the shop's window, and a laptop showing the same shelf online."""
    canvas.rect((180, 180, 900, 860), c["surface"], 12, outline=c["border"], width=6)
    for x in range(180, 900, 90):  # the awning's stripes
        canvas.rect((x, 150, x + 90, 250), c["accent"] if x // 90 % 2 else c["light-accent"])
    canvas.rect((240, 310, 840, 780), c["soft"], 8)
    for shelf in (470, 640):
        canvas.rect((240, shelf, 840, shelf + 14), c["muted"])
    for index, x in enumerate(range(280, 800, 130)):
        colour = (c["warm"], c["accent"], c["light-warm"], c["dark-accent"])[index]
        canvas.rect((x, 370, x + 80, 470), colour, 10)
        canvas.ellipse((x, 560, x + 80, 640), colour)
    canvas.rect((980, 480, 1460, 800), c["text"], 18)  # the laptop
    canvas.rect((1005, 505, 1435, 775), c["surface"], 6)
    for index, x in enumerate((1040, 1170, 1300)):
        colour = (c["warm"], c["accent"], c["light-warm"])[index]
        canvas.rect((x, 540, x + 95, 640), colour, 10)
        canvas.rect((x, 660, x + 95, 680), c["border"], 4)
        canvas.rect((x + 15, 700, x + 80, 735), c["accent"], 8)
    canvas.polygon([(930, 800), (1510, 800), (1560, 850), (880, 850)], c["muted"])


def bakery_phone(canvas, c):
    """Instagram per il forno: a phone whose grid of posts is all bread."""
    canvas.rect((560, 90, 1040, 940), c["text"], 60)
    canvas.rect((590, 170, 1010, 860), c["surface"], 12)
    canvas.ellipse((620, 190, 700, 270), c["warm"])
    canvas.rect((720, 205, 900, 225), c["muted"], 8)
    canvas.rect((720, 240, 840, 256), c["border"], 8)
    for row in range(3):
        for column in range(3):
            x, y = 600 + column * 137, 300 + row * 180
            tile = c["light-warm"] if (row + column) % 2 else c["soft"]
            canvas.rect((x, y, x + 128, y + 170), tile)
            if (row + column) % 3 == 0:  # a round loaf
                canvas.ellipse((x + 20, y + 45, x + 108, y + 125), c["warm"])
                canvas.line([(x + 45, y + 70), (x + 83, y + 100)], c["light-warm"], 6)
            elif (row + column) % 3 == 1:  # a baguette
                canvas.ellipse((x + 12, y + 65, x + 116, y + 105), c["warm"])
                for cut in (35, 60, 85):
                    canvas.line([(x + cut, y + 78), (x + cut + 14, y + 92)], c["light-warm"], 5)
            else:  # a croissant
                canvas.ellipse((x + 24, y + 55, x + 104, y + 115), c["warm"])
                canvas.ellipse((x + 44, y + 40, x + 84, y + 80), c["light-warm"])
    canvas.ellipse((760, 880, 840, 920), c["muted"])
    for x, y, size in ((300, 300, 90), (1230, 620, 70), (1300, 260, 50)):
        canvas.ellipse((x, y, x + size, y + size), c["warm"])  # hearts of likes, as dots
        canvas.ellipse((x + size * 0.3, y + size * 0.3, x + size * 0.7, y + size * 0.7), c["bg"])


def parcels(canvas, c):
    """Spedizioni e resi: a stack of parcels with their tape, and the arrow of a return."""
    for box, colour in (
        ((300, 560, 760, 860), c["light-warm"]),
        ((800, 620, 1140, 860), c["warm"]),
        ((420, 300, 720, 560), c["warm"]),
    ):
        x0, y0, x1, y1 = box
        canvas.rect(box, colour, 10)
        middle = (x0 + x1) // 2
        canvas.rect((middle - 28, y0, middle + 28, y1), c["light-accent"])
        canvas.rect((x0 + 30, y1 - 90, x0 + 150, y1 - 30), c["surface"], 6)
        canvas.rect((x0 + 45, y1 - 72, x0 + 130, y1 - 62), c["muted"], 4)
    # The return: an arc of an arrow going back to the shop.
    canvas.line([(1200, 520), (1300, 420), (1300, 300), (1200, 200), (1020, 200)], c["accent"], 28)
    canvas.polygon([(1040, 140), (940, 200), (1040, 260)], c["accent"])
    canvas.rect((1250, 620, 1420, 860), c["surface"], 10, outline=c["border"], width=6)
    canvas.polygon([(1230, 630), (1335, 540), (1440, 630)], c["accent"])


def envelope(canvas, c):
    """La newsletter: an open envelope with its letter, and the readers it reaches."""
    canvas.rect((540, 260, 1060, 600), c["surface"], 10, outline=c["border"], width=6)
    for y in (330, 390, 450, 510):
        canvas.rect((600, y, 1000 if y < 510 else 850, y + 22), c["border"], 10)
    canvas.polygon([(440, 470), (800, 720), (1160, 470), (1160, 860), (440, 860)], c["accent"])
    canvas.polygon([(440, 860), (800, 620), (1160, 860)], c["dark-accent"])
    canvas.polygon([(440, 470), (800, 250), (1160, 470), (800, 520)], c["light-accent"])
    canvas.rect((540, 300, 1060, 520), c["surface"], 10)
    for y in (340, 400, 460):
        canvas.rect((600, y, 1000 if y < 460 else 850, y + 22), c["border"], 10)
    for x, y in ((200, 200), (250, 420), (1300, 180), (1380, 400), (1330, 640), (180, 640)):
        canvas.ellipse((x, y, x + 70, y + 70), c["warm"])
        canvas.rect((x - 15, y + 80, x + 85, y + 140), c["warm"], 30)


def chat_and_house(canvas, c):
    """WhatsApp Business per un B&B: a little house and a phone full of quick answers."""
    canvas.rect((220, 470, 640, 860), c["surface"], 8, outline=c["border"], width=6)
    canvas.polygon([(180, 490), (430, 260), (680, 490)], c["warm"])
    canvas.rect((385, 660, 475, 860), c["accent"], 8)
    for x in (260, 530):
        canvas.rect((x, 540, x + 80, 620), c["light-accent"], 6)
    canvas.rect((820, 110, 1260, 920), c["text"], 56)
    canvas.rect((848, 180, 1232, 850), c["soft"], 12)
    for index, (y, mine) in enumerate(((220, False), (330, True), (440, False), (560, True))):
        width = 250 if index % 2 else 290
        x0 = 1200 - width if mine else 880
        canvas.rect((x0, y, x0 + width, y + 85), c["light-accent"] if mine else c["surface"], 22)
        canvas.rect((x0 + 25, y + 25, x0 + width - 40, y + 40), c["muted"], 6)
    for index, x in enumerate((880, 990, 1100)):  # the quick answers, as chips
        canvas.rect((x, 700, x + 100, 750), c["accent"] if index == 0 else c["surface"], 25)
    canvas.rect((880, 780, 1200, 830), c["surface"], 25)


def three_numbers(canvas, c):
    """Misurare i social: three bars that are enough, and the magnifier that reads them."""
    canvas.rect((260, 180, 1340, 860), c["surface"], 16, outline=c["border"], width=6)
    for y in (330, 480, 630):
        canvas.rect((320, y, 1280, y + 4), c["border"])
    for index, (height, colour) in enumerate(
        ((300, c["light-accent"]), (430, c["accent"]), (520, c["warm"]))
    ):
        x = 420 + index * 280
        canvas.rect((x, 800 - height, x + 170, 800), colour, 12)
        canvas.ellipse((x + 45, 730 - height, x + 125, 810 - height), colour)
    canvas.rect((320, 800, 1280, 810), c["muted"])
    canvas.ellipse((1190, 60, 1450, 320), c["bg"], outline=c["text"], width=24)
    canvas.line([(1415, 295), (1530, 420)], c["text"], 40)


def map_pin(canvas, c):
    """La scheda Google del negozio: a street map, a pin on the shop and its stars."""
    canvas.rect((200, 140, 1400, 860), c["light-accent"], 20)
    for box in ((200, 430, 1400, 500), (640, 140, 710, 860), (1050, 140, 1120, 860)):
        canvas.rect(box, c["surface"])
    canvas.rect((260, 200, 580, 380), c["soft"], 12)
    canvas.rect((770, 560, 990, 800), c["soft"], 12)
    canvas.rect((760, 230, 990, 390), c["surface"], 10, outline=c["border"], width=6)
    canvas.rect((760, 210, 990, 260), c["warm"], 10)
    canvas.rect((840, 300, 910, 390), c["accent"], 6)
    canvas.ellipse((780, 20, 980, 220), c["warm"])  # the pin
    canvas.polygon([(800, 160), (880, 300), (960, 160)], c["warm"])
    canvas.ellipse((840, 80, 920, 160), c["surface"])
    for index in range(5):
        star(canvas, (1130 + index * 64, 600), 30, c["warm"] if index < 4 else c["surface"])


def star(canvas, centre, radius, fill):
    """A five-pointed star (a review's) around `centre`."""
    x, y = centre
    points = []
    for point in range(10):
        length = radius if point % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + point * math.pi / 5
        points.append((x + length * math.cos(angle), y - length * math.sin(angle)))
    canvas.polygon(points, fill)


# {file under content/images/: drawing}
PICTURES = {
    "copertina-primo-e-commerce.jpg": shop_window,
    "copertina-instagram-forno.jpg": bakery_phone,
    "copertina-spedizioni-e-resi.jpg": parcels,
    "copertina-newsletter.png": envelope,
    "copertina-whatsapp-b-b.jpg": chat_and_house,
    "copertina-tre-numeri.png": three_numbers,
    "copertina-scheda-google.jpg": map_pin,
}


def colours_from(css):
    """The theme's colours as RGB, with the few tints the drawings add."""
    colours = {name: rgb(value) for name, value in palette(css).items()}
    white = (255, 255, 255)
    # The theme's orange (its focus ring) for warm things (bread, parcels), softened as needed.
    colours["warm"] = mix(colours["focus"], white, 0.15)
    colours["light-warm"] = mix(colours["focus"], white, 0.55)
    colours["light-accent"] = mix(colours["accent"], white, 0.45)
    return colours


def main(folder=IMAGES):
    colours = colours_from(STYLE.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, drawing in PICTURES.items():
        canvas = backdrop(colours)
        drawing(canvas, colours)
        image = canvas.finished()
        target = folder / name
        if name.endswith(".png"):
            image.quantize(64, dither=Image.Dither.NONE).save(target, "PNG", optimize=True)
        else:
            image.save(target, "JPEG", quality=JPEG_QUALITY, optimize=True)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
