"""The demo newsroom: Metallic Rouge covered the way outlets covered it.

Facts come from the design notes' demo-facts; every headline and paragraph is
written for Shimbun. ``load_demo`` reads these structures.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")


def at(year, month, day, hour=9, minute=0, tz=UTC):
    return datetime(year, month, day, hour, minute, tzinfo=tz)


# Demo images: stand-in artwork (see demo_art), described as real stills would be.
IMAGES = [
    {
        "key": "key-art",
        "seed": 1,
        "title": "Metallic Rouge key visual (demo artwork)",
        "alt_text": "A red planet hangs over a dark city skyline at dusk.",
        "caption": "Metallic Rouge is set on a terraformed Mars.",
        "credit": "Shimbun demo artwork",
        "focal_x": 50,
        "focal_y": 35,
    },
    {
        "key": "rooftop",
        "seed": 2,
        "title": "Rooftop at dusk (demo artwork)",
        "alt_text": "Lit windows in tall towers under a crimson sky.",
        "caption": "Bones' backgrounds give the Martian city a lived-in glow.",
        "credit": "Shimbun demo artwork",
        "focal_x": 50,
        "focal_y": 60,
    },
    {
        "key": "panel",
        "seed": 3,
        "title": "Anime NYC panel (demo artwork)",
        "alt_text": "A stage lit in red in front of a city skyline backdrop.",
        "caption": "The Metallic Rouge panel at Anime NYC 2023.",
        "credit": "Crunchyroll",
        "focal_x": 50,
        "focal_y": 50,
    },
]

RETAILERS = [
    ("Akiba Figure Depot", "akiba-figure-depot", "figuredepot.example"),
    ("Rouge Records", "rouge-records", "rougerecords.example"),
]

# Merch for the shop post. Prices are the demo shop's; one item has expired.
MERCH = [
    {
        "name": "Rouge Redstar 1/7 scale figure",
        "retailer": "akiba-figure-depot",
        "price": "189.90",
        "currency": "EUR",
        "url": "https://figuredepot.example/rouge-redstar-figure",
        "tags": ["Metallic Rouge", "figures"],
        "seed": 11,
    },
    {
        "name": "Metallic Rouge Blu-ray box",
        "retailer": "akiba-figure-depot",
        "price": "79.00",
        "currency": "EUR",
        "url": "https://figuredepot.example/metallic-rouge-blu-ray",
        "tags": ["Metallic Rouge", "Blu-ray"],
        "seed": 12,
    },
    {
        "name": "Metallic Rouge original soundtrack",
        "retailer": "rouge-records",
        "price": "29.99",
        "currency": "EUR",
        "url": "https://rougerecords.example/metallic-rouge-ost",
        "tags": ["Metallic Rouge", "soundtrack"],
        "seed": 13,
    },
    {
        "name": "The Art of Metallic Rouge",
        "retailer": "rouge-records",
        "price": "39.50",
        "currency": "EUR",
        "url": "https://rougerecords.example/art-of-metallic-rouge",
        "tags": ["Metallic Rouge", "art book"],
        "seed": 14,
    },
    {
        "name": "Pre-order bonus acrylic stand (offer ended)",
        "retailer": "akiba-figure-depot",
        "price": "12.00",
        "currency": "EUR",
        "url": "https://figuredepot.example/rouge-acrylic-stand",
        "tags": ["Metallic Rouge"],
        "seed": 15,
        "active_until": at(2024, 2, 1, 0, 0),
    },
]

BANNER = {
    "message": "Kostenloser Versand innerhalb Deutschlands ab 100 EUR Bestellwert.",
    "language": "de",
    "link_url": "https://figuredepot.example/versand",
    "link_text": "Zu den Versandbedingungen",
}

PAGES = [
    (
        "Editorial policy",
        "editorial-policy",
        "How we choose, report and correct what we publish.",
        """\
Shimbun covers anime for readers, not for studios or shops. Editors decide
what we cover, and no advertiser or retailer sees a story before it runs.

## Affiliate links

Some pages link to shops, and we may earn a commission when you buy through
those links. Pages that carry them say so at the top. Commissions never
decide what we cover or how we score it.

## Screeners and access

When a distributor gives us early access to episodes, the review says so.
""",
    ),
    (
        "Affiliate disclosure",
        "affiliate-disclosure",
        "Which links earn us money, and what that changes (nothing).",
        """\
Some articles carry blocks of anime merchandise: figures, Blu-rays,
soundtracks and art books. The links in them go through our own address
(`/go/…`) to shops we have an affiliate agreement with, and when you buy
something there the shop may pay us a small commission. You pay the same.

- Every page with such links says so at its top, and so does every feed
  item that carries them.
- The links are marked `rel="sponsored"` for search engines.
- We count clicks per item and per article to know which blocks are useful.
  We store no IP address, cookie, browser details or referrer with a click.
- Shops never see a story before it runs and never choose what we cover or
  how we score it. Our critics do not know which items earn commissions.
""",
    ),
    (
        "Review policy",
        "review-policy",
        "How our scores work.",
        """\
We score on one scale, 0 to 10 in half points. First impressions are scored
on the episodes seen; full reviews on the whole run.
""",
    ),
    (
        "Corrections policy",
        "corrections-policy",
        "How we fix mistakes.",
        """\
When we get something wrong we fix it and add a dated note to the article
saying what changed.
""",
    ),
    (
        "Contact",
        "contact",
        "How to reach the newsroom.",
        """\
Tips and corrections: write to the news desk at <newsroom@shimbun.invalid>.
""",
    ),
]

SECTIONS = [
    ("News", "news", "Announcements, release dates, casting and industry news.", 1),
    ("Reviews", "reviews", "Our critics on the season's series and films.", 2),
    ("Features", "features", "Long reads, analysis and essays.", 3),
    ("Interviews", "interviews", "Conversations with the people who make anime.", 4),
    ("Blog", "blog", "Shorter posts, shop news and staff picks.", 5),
]

AUTHORS = [
    {
        "slug": "aiko-brandt",
        "name": "Aiko Brandt",
        "job_title": "News editor",
        "bio": "Aiko runs the news desk and has tracked anime production "
        "announcements since the days of fan-subbed press releases.",
        "user": "editor",
    },
    {
        "slug": "marcus-velde",
        "name": "Marcus Velde",
        "job_title": "Senior critic",
        "bio": "Marcus reviews TV anime each season, with a soft spot for "
        "mecha and anything with a Yoko Kanno soundtrack.",
        "user": "writer",
    },
    {
        "slug": "sofia-nakamura-reyes",
        "name": "Sofia Nakamura-Reyes",
        "job_title": "Entertainment journalist",
        "bio": "Sofia has covered film, television and anime conventions as an "
        "entertainment journalist since 2016.",
        "user": None,
    },
    {
        "slug": "jonas-keller",
        "name": "Jonas Keller",
        "job_title": "Shop blog contributor",
        "bio": "Jonas writes the shop blog from the warehouse in Leipzig and "
        "unboxes more figures than he can display.",
        "user": None,
    },
]

STUDIOS = [
    ("Bones", "bones", "ボンズ", "BONES\nStudio Bones\nStudio Xuong"),
    ("Sunrise", "sunrise", "サンライズ", ""),
    ("Brain's Base", "brains-base", "ブレインズ・ベース", ""),
]

ROLES = [
    ("Director", "director", "direction", 10),
    ("Supervising director", "supervising-director", "direction", 20),
    ("Series composition", "series-composition", "writing", 30),
    ("Script", "script", "writing", 40),
    ("Character design", "character-design", "art", 50),
    ("Music", "music", "music", 60),
    ("Mechanical design", "mechanical-design", "art", 55),
    ("Producer", "producer", "production", 70),
]

PEOPLE = [
    ("Motonobu Hori", "motonobu-hori", "堀元宣"),
    ("Yutaka Izubuchi", "yutaka-izubuchi", "出渕裕"),
    ("Toshizo Nemoto", "toshizo-nemoto", "根元歳三"),
    ("Toshihiro Kawamoto", "toshihiro-kawamoto", "川元利浩"),
    ("Taisei Iwasaki", "taisei-iwasaki", "岩崎太整"),
    ("Yuma Yamaguchi", "yuma-yamaguchi", ""),
    ("Towa Tei", "towa-tei", "テイ・トウワ"),
    ("Masahiko Minami", "masahiko-minami", "南雅彦"),
    ("Yume Miyamoto", "yume-miyamoto", "宮本侑芽"),
    ("Tomoyo Kurosawa", "tomoyo-kurosawa", "黒沢ともよ"),
]

METALLIC_ROUGE = {
    "slug": "metallic-rouge",
    "title": "Metallic Rouge",
    "title_japanese": "メタリックルージュ",
    "title_romaji": "Metarikku Rūju",
    "aliases": "",
    "misspellings": "Metallic Rogue\nMetallic red\nMetallic ROgue",
    "format": "tv",
    "source": "original",
    "status": "finished",
    "premiere_date": date(2024, 1, 10),
    "end_date": date(2024, 4, 3),
    "episode_count": 13,
    "synopsis": "On a terraformed Mars still scarred by a war against alien "
    "invaders, humans share their cities with Neans, androids bound by fixed "
    "rules and kept alive by a scarce substance called nectar. The android "
    "Rouge Redstar and her human partner Naomi Orthmann are sent to hunt down "
    "the Immortal Nine, a band of rogue androids, two of whom are already out "
    "of the picture when the story begins.",
    "studios": ["bones"],
    "tags": ["Metallic Rouge", "Bones", "sci-fi", "mecha", "cyberpunk"],
    # Wednesdays at 24:55 on +Ultra, i.e. Thursday 00:55 on the calendar.
    "first_episode_at": datetime(2024, 1, 11, 0, 55, tzinfo=JST),
    "broadcast": {
        "channel": "Fuji TV",
        "block": "+Ultra",
        "weekday": 3,
        "start_time": time(0, 55),
        "first_broadcast": date(2024, 1, 10),
    },
    "watch": {
        "platform": "Crunchyroll",
        "region": "Worldwide except Asia",
        "url": "https://www.crunchyroll.com/search?q=Metallic%20Rouge",
        "subtitled": True,
        "dubbed": True,
        "schedule": "New episodes on Wednesdays, as they air in Japan",
    },
    "credits": [
        ("motonobu-hori", "director"),
        ("yutaka-izubuchi", "supervising-director"),
        ("yutaka-izubuchi", "series-composition"),
        ("yutaka-izubuchi", "script"),
        ("toshizo-nemoto", "script"),
        ("toshihiro-kawamoto", "character-design"),
        ("taisei-iwasaki", "music"),
        ("yuma-yamaguchi", "music"),
        ("towa-tei", "music"),
        ("masahiko-minami", "producer"),
    ],
    "cast": [
        ("Rouge Redstar", "An android undercover as “Metal Rouge”", "yume-miyamoto"),
        ("Naomi Orthmann", "Rouge's human partner", "tomoyo-kurosawa"),
    ],
}

# Other work of the staff that coverage mentions, with the credits it cites.
STAFF_WORKS = [
    {
        "slug": "cowboy-bebop",
        "title": "Cowboy Bebop",
        "title_japanese": "カウボーイビバップ",
        "format": "tv",
        "source": "original",
        "premiere_date": date(1998, 4, 3),
        "studio": "sunrise",
        "credits": [("toshihiro-kawamoto", "character-design", "")],
    },
    {
        "slug": "mobile-suit-gundam-wing",
        "title": "Mobile Suit Gundam Wing",
        "title_japanese": "新機動戦記ガンダムW",
        "format": "tv",
        "source": "original",
        "premiere_date": date(1995, 4, 7),
        "studio": "sunrise",
        "credits": [("yutaka-izubuchi", "mechanical-design", "also costume design")],
    },
    {
        "slug": "patlabor",
        "title": "Mobile Police Patlabor",
        "title_japanese": "機動警察パトレイバー",
        "format": "ova",
        "source": "original",
        "premiere_date": None,
        "studio": None,
        "credits": [("yutaka-izubuchi", "mechanical-design", "also costume design")],
    },
    {
        "slug": "durarara",
        "title": "Durarara!!",
        "title_japanese": "デュラララ!!",
        "format": "tv",
        "source": "light_novel",
        "premiere_date": date(2010, 1, 8),
        "studio": "brains-base",
        "credits": [("toshizo-nemoto", "script", "selected episodes")],
    },
]

BONES_CATALOGUE = [
    ("Hiwou War Chronicles", "hiwou-war-chronicles", "tv", "original", None),
    ("Fullmetal Alchemist", "fullmetal-alchemist-2003", "tv", "manga", date(2003, 10, 4)),
    ("Fullmetal Alchemist: Brotherhood", "fullmetal-alchemist-brotherhood", "tv", "manga", date(2009, 4, 5)),
    ("Wolf's Rain", "wolfs-rain", "tv", "original", date(2003, 1, 6)),
    ("Space Dandy", "space-dandy", "tv", "original", date(2014, 1, 5)),
    ("My Hero Academia", "my-hero-academia", "tv", "manga", date(2016, 4, 3)),
    ("Mob Psycho 100", "mob-psycho-100", "tv", "manga", date(2016, 7, 12)),
]  # fmt: skip


ARTICLES = [
    {
        "slug": "metallic-rouge-bones-25th-anniversary-anime-january-2024",
        "title": "Bones sets Metallic Rouge, its 25th-anniversary original, "
        "for January 2024",
        "dek": "The android noir premieres on Fuji TV's +Ultra block, with "
        "Crunchyroll streaming it outside Asia.",
        "kind": "news",
        "section": "news",
        "authors": ["aiko-brandt"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "Bones", "Fuji TV", "Crunchyroll", "release date"],
        "people": [
            "motonobu-hori",
            "yutaka-izubuchi",
            "toshihiro-kawamoto",
            "yume-miyamoto",
            "tomoyo-kurosawa",
        ],
        "publish_at": at(2023, 3, 22, 12, 30),
        "lead_image": "key-art",
        "body": """\
Studio Bones has a new original series on the way. *Metallic Rouge* was
unveiled on 22 March 2023 during a live stream hosted by Fuji TV, and it is
scheduled to premiere in **January 2024** as part of the network's late-night
**+Ultra** programming block.

The project marks the studio's 25th anniversary, and the staff said it has
been in the works for roughly six years.

## Where to watch

Crunchyroll has picked up the series for streaming worldwide outside Asia,
with subtitles and an English dub. New episodes are planned for Wednesdays.

## Who is making it

- **Director:** Motonobu Hori
- **Supervising director and series composition:** Yutaka Izubuchi, whose
  costume and mechanical designs shaped *Gundam Wing* and *Patlabor*
- **Character design:** Toshihiro Kawamoto, the designer behind the cast of
  *Cowboy Bebop*

The announcement came with a first trailer that shows an android heroine
moving through a neon-lit Martian city.

[[video:https://www.youtube.com/watch?v=MRdemoTrlr1 title="Metallic Rouge teaser trailer (demo link)" poster=key-art]]

## The story so far

The series is set on a colonised Mars, where humans live beside androids
called Neans who are bound by a set of rules they cannot break. The heroine,
Rouge, is one of them, and she is sent after a rebel group known as the
Immortal Nine.

The voice cast has not been announced yet. We will update this story when it
is.

*Update:* the cast has since been named. Yume Miyamoto voices Rouge
Redstar, and Tomoyo Kurosawa plays her human partner, Naomi Orthmann.
""",
    },
    {
        "slug": "metallic-rouge-anime-nyc-2023-roundtable",
        "title": "“We wanted Mars to feel lived in”: the Metallic Rouge team "
        "at Anime NYC",
        "dek": "Producer Masahiko Minami, supervising director Yutaka Izubuchi "
        "and composer Taisei Iwasaki on building Bones' anniversary series.",
        "kind": "interview",
        "section": "interviews",
        "authors": ["sofia-nakamura-reyes"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "Bones", "Anime NYC", "interview"],
        "people": ["masahiko-minami", "yutaka-izubuchi", "taisei-iwasaki"],
        "publish_at": at(2023, 11, 20, 15, 0),
        "lead_image": "panel",
        "body": """\
Two months before *Metallic Rouge* reached television, three of the people
behind it sat down with a small group of journalists at Anime NYC 2023. What
follows is a condensed account of that roundtable; answers were given through
an interpreter and have been edited for length.

## An anniversary project

Masahiko Minami, who founded Bones and still produces its biggest shows,
described the series as a present the studio gave itself. Asked why the
anniversary title had to be an original story rather than an adaptation, he
explained that an adaptation shows an author's imagination, while an
original is the one way a studio can show what it has become.

## Writing androids

Yutaka Izubuchi, who supervises the direction and wrote the series
composition, said the Neans were never meant to be simple stand-ins for any
one group. He wanted viewers to notice how quickly the human characters stop
seeing them at all.

## Music for a red planet

Taisei Iwasaki, one of three composers alongside Yuma Yamaguchi and Towa Tei,
said the score mixes club music with orchestral pieces so that the city and
the battles sound like different worlds.

[[related:metallic-rouge-bones-25th-anniversary-anime-january-2024]]
""",
    },
    {
        "slug": "metallic-rouge-first-impressions-review",
        "title": "Metallic Rouge first impressions: a stylish android noir that "
        "takes its time",
        "dek": "Four episodes in, Bones' anniversary series looks superb and "
        "asks good questions, even when its plot idles.",
        "kind": "review",
        "section": "reviews",
        "authors": ["marcus-velde"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "Bones", "first impressions", "review"],
        "people": [
            "motonobu-hori",
            "yutaka-izubuchi",
            "toshizo-nemoto",
            "toshihiro-kawamoto",
            "taisei-iwasaki",
            "yuma-yamaguchi",
            "towa-tei",
        ],
        "publish_at": at(2024, 1, 31, 16, 0),
        "review": {
            "review_type": "first",
            "score": "7.5",
            "verdict": "Beautiful and thoughtful, if slow to get going.",
            "pros": "Superb animation\nA score that moves between club and orchestra",
            "cons": "The first targets blur together",
            "series": "metallic-rouge",
            "episode_from": 1,
            "episode_to": 4,
            "reviewed_from": "Screeners of episodes 1–4 provided by the "
            "distributor, episode 4 ahead of its broadcast.",
        },
        "summary_points": "Gorgeous animation and a thoughtful premise\n"
        "The hunt for the Immortal Nine starts slowly\n"
        "New episodes stream on Crunchyroll every Wednesday",
        "body": """\
Motonobu Hori's direction is at its best in the quiet moments: Rouge
listening to a street musician, Naomi checking a report while a Nean cleaner
works around her feet. Yutaka Izubuchi and Toshizo Nemoto's scripts let
these scenes breathe, and the world feels bigger for it.

The action, when it comes, is exactly what Bones fans will hope for. Rouge's
armoured form is a Toshihiro Kawamoto design through and through, all sharp
lines and bright red, and the fights are staged with real weight.

The weak spot is pacing. The hunt for the Immortal Nine is set up as a
monster-of-the-week structure, and the first two targets blur together.

The score, shared between Taisei Iwasaki, Yuma Yamaguchi and Towa Tei, is a
constant pleasure: thumping club tracks in the city and sweeping strings in
the sky.

[[watch:metallic-rouge]]

We will return with a full review when the series ends.

[[related:metallic-rouge-bones-25th-anniversary-anime-january-2024]]
""",
    },
    {
        "slug": "metallic-rouge-review",
        "title": "Metallic Rouge review: Bones' android noir earns its place "
        "on the shelf",
        "dek": "A handsome, thoughtful series whose ideas outrun its plot, "
        "but never its style.",
        "kind": "review",
        "section": "reviews",
        "authors": ["marcus-velde"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "Bones", "review", "sci-fi"],
        "people": ["yume-miyamoto", "tomoyo-kurosawa"],
        "publish_at": at(2024, 4, 10, 14, 0),
        "lead_image": "key-art",
        "review": {
            "review_type": "final",
            "score": "8",
            "verdict": "A stylish, sincere story whose reach exceeds its grasp.",
            "pros": "Some of the best-looking TV animation of the season\n"
            "Miyamoto and Kurosawa make a great double act\n"
            "Ideas about personhood that stay with you",
            "cons": "A repetitive middle stretch\nA finale that rushes its answers",
            "series": "metallic-rouge",
            "reviewed_from": "All thirteen episodes, watched on Crunchyroll.",
        },
        "body": """\
*Metallic Rouge* ends its thirteen-episode run as one of the best-looking
television anime of the winter 2024 season, and one of the most ambitious.

## What it is about

Rouge Redstar is a Nean, one of the androids that keep Mars running, and she
works undercover for the government that limits her kind. With her human
minder Naomi Orthmann she tracks down the Immortal Nine, androids who have
slipped their programming. The longer the hunt goes on, the less clear it is
who deserves to be hunted.

[[related:metallic-rouge-first-impressions-review]]

## What works

[[image:rooftop]]

The animation is the show's calling card. Action scenes are fluid and easy to
follow, and the quieter frames look like paintings: a still of Rouge on a
rooftop against a dust-red sky could hang on a wall.

Yume Miyamoto gives Rouge a flat, careful voice that slowly warms, and Tomoyo
Kurosawa's Naomi is funny and sharp. Their partnership carries the weaker
episodes.

[[quote attribution="Marcus Velde, Shimbun"]]
A stylish, sincere story about who counts as a person.
[[/quote]]

## What doesn't

The middle of the series repeats itself, and the final act rushes through
revelations that deserved room. Viewers who want the mystery explained in
detail will be left with questions.

[[spoiler title="How the hunt ends"]]
The last episodes turn the mission around: the more of the Immortal Nine
Rouge confronts, the clearer it becomes that she was built for this hunt,
and the finale asks whether she can choose anything else.
[[/spoiler]]

## Verdict

A stylish, sincere science-fiction story about who counts as a person. Its
reach exceeds its grasp, but it reaches further than most.

""",
    },
    {
        "slug": "metallic-rouge-episode-1-and-new-merch",
        "title": "Metallic Rouge episode 1, and the merch we are stocking",
        "dek": "Our take on the premiere, plus the figures, soundtrack and art "
        "book arriving in the shop.",
        "kind": "blog",
        "section": "blog",
        "authors": ["jonas-keller"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "merch", "episode review"],
        "publish_at": at(2024, 1, 12, 10, 0),
        "lead_image": "rooftop",
        "body": """\
**Free shipping within Germany on orders over 100 EUR** (*<span lang="de">Kostenloser
Versand innerhalb Deutschlands ab 100 EUR Bestellwert</span>*) while the winter season runs.

## Episode 1: first thoughts

The premiere wastes no time: a chase through a crowded Martian market, a
first look at Rouge in armour, and a closing twist that sets up the hunt for
the Immortal Nine. It is a confident opening, and the character animation
looks every bit like a studio showing off for its birthday.

## In the shop

We have pre-orders open for a scale figure of Rouge, the Blu-ray box, the
original soundtrack and the official art book. Stock is limited, so put your
name down early if you want one from the first shipment.

[[merch series=metallic-rouge title="Metallic Rouge in the shop"]]
""",
    },
]

EPISODE_REVIEW = {
    "slug": "metallic-rouge-episode-1-review",
    "title": "Metallic Rouge episode 1 review: straight into the hunt",
    "dek": "The premiere skips the explanations and trusts its pictures.",
    "kind": "review",
    "section": "reviews",
    "authors": ["marcus-velde"],
    "series": ["metallic-rouge"],
    "tags": ["Metallic Rouge", "episode review", "review"],
    "people": ["motonobu-hori"],
    "publish_at": at(2024, 1, 11, 18, 0),
    "lead_image": "rooftop",
    "review": {
        "review_type": "episode",
        "score": "7",
        "verdict": "A confident, confusing, gorgeous opener.",
        "pros": "Fluid action\nA Mars that feels lived in",
        "cons": "A flood of unexplained terms",
        "series": "metallic-rouge",
        "episode_from": 1,
    },
    "body": """\
The first episode of *Metallic Rouge* drops us into the middle of a mission:
Rouge is already hunting, two of the Immortal Nine are already gone, and the
show does not stop to explain what a Nean owes the humans around it.

That is a gamble, and it mostly pays off. Motonobu Hori keeps the camera
close to Rouge, so we learn the city the way she does: through crowds,
checkpoints and the price of a dose of nectar.

The closing fight is the episode's showpiece, and the reason to keep
watching.

[[watch:metallic-rouge]]
""",
}

FEATURE = {
    "slug": "bones-25-years-of-originals",
    "title": "From Hiwou to Rouge: a quarter century of Bones",
    "dek": "Metallic Rouge caps 25 years of a studio that made its name with "
    "adaptations but keeps coming back to original stories.",
    "kind": "feature",
    "section": "features",
    "authors": ["aiko-brandt"],
    "series": [
        "metallic-rouge",
        "hiwou-war-chronicles",
        "fullmetal-alchemist-2003",
        "fullmetal-alchemist-brotherhood",
        "wolfs-rain",
        "space-dandy",
        "my-hero-academia",
        "mob-psycho-100",
    ],
    "tags": ["Bones", "studio history", "Metallic Rouge"],
    "people": ["masahiko-minami"],
    "publish_at": at(2024, 1, 8, 9, 0),
    "body": """\
When Bones picked an original science-fiction series to mark its 25th
anniversary, it was returning to where it started. The studio's first
television work, *Hiwou War Chronicles*, was an original fantasy story, and
the years since have alternated between adaptations that made Bones a
household name and originals that showed what it wanted to be.

## The adaptations that built the name

*Fullmetal Alchemist* in 2003 turned a manga still in progress into a
television hit, and *Fullmetal Alchemist: Brotherhood* went back to the
source in 2009 for a version closer to the finished comic. Later, *My Hero
Academia* and *Mob Psycho 100* brought the studio a new generation of fans.

## The originals that defined its taste

Between those, Bones kept making its own stories: the melancholy road trip
of *Wolf's Rain*, the anything-goes comedy of *Space Dandy*, and now the
android noir of *Metallic Rouge*, produced under studio president Masahiko
Minami after some six years of development.

## Why it matters

Originals are a risk for any studio, because there is no existing readership
to count on. That Bones chose one for its birthday says a lot about how the
studio sees itself.
""",
}

DRAFTS = [
    {
        "slug": "metallic-rouge-english-dub-cast",
        "title": "Metallic Rouge English dub cast revealed",
        "dek": "Draft: waiting for the distributor's confirmation.",
        "kind": "news",
        "section": "news",
        "authors": ["aiko-brandt"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "dub"],
        "body": "The English dub cast list goes here once the press release "
        "is confirmed by the distributor.",
    },
    {
        # Approved, with no time yet: the calendar lists it as ready to schedule.
        "status": "approved",
        "slug": "where-to-watch-metallic-rouge",
        "title": "Where to watch Metallic Rouge, and when",
        "dek": "New episodes every Wednesday, subtitled or dubbed.",
        "kind": "news",
        "section": "news",
        "authors": ["aiko-brandt"],
        "series": ["metallic-rouge"],
        "tags": ["Metallic Rouge", "Crunchyroll"],
        "body": """\
Bones' anniversary series airs in Japan in Fuji TV's +Ultra late-night block.

Outside Asia, Crunchyroll streams each new episode on Wednesdays, with
Japanese audio and subtitles or with the English dub. The season has 13
episodes.

[[watch:metallic-rouge]]
""",
    },
]

# What the demo writer finds under Notifications: an editor's note on the draft.
NOTIFICATIONS = [
    {
        "recipient": "writer",
        "actor": "editor",
        "article": "metallic-rouge-english-dub-cast",
        "event": "sent_back",
        "comment": "Name the dub studio and the ADR director, and link the distributor's announcement.",
        "created_at": at(2024, 2, 2, 10, 15),
    },
]
