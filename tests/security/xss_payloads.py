"""A corpus of hostile strings for cross-site scripting tests.

Every payload, should it ever run, calls a sentinel the browser tests watch:
a dialog (``alert``, ``confirm``, ``prompt``) or the global ``__xss``. The
tests put each payload through every field that reaches a page, a feed or the
admin, and assert that none of them runs and that none leaves an element with
an event handler or a script address behind.

Grouped by the trick each group tries; ``PAYLOADS`` is all of them, each once.
"""

# Script elements, in the spellings parsers and filters disagree on.
SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<ScRiPt>__xss=3</sCrIpT>",
    "<script >alert(4)</script >",
    "<script\t>alert(5)</script>",
    "<script\n>alert(6)</script>",
    "<script type=text/javascript>alert(7)</script>",
    "<script type=module>alert(8)</script>",
    "<script/x>alert(9)</script>",
    "<script src=data:,alert(10)></script>",
    "<script src=data:text/javascript,alert(11)></script>",
    "<<script>alert(12);//<</script>",
    "<scr<script>ipt>alert(13)</script>",
    "<script>alert(14)<!--",
    "<script>/*</script><script>*/alert(15)</script>",
    "<!--<script>-->alert(16)<!--</script>-->",
    "<svg><script>alert(17)</script></svg>",
    "<svg><script href=data:,alert(18) />",
    "<svg><script>alert&#40;19&#41;</script></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(20)>">',
    "<template><script>alert(21)</script></template>",
    "<textarea></textarea><script>alert(22)</script>",
    "<title></title><script>alert(23)</script>",
    "<style></style><script>alert(24)</script>",
    "<xmp><script>alert(25)</script></xmp>",
]

# Event handlers on many elements, most of them firing without a click.
EVENT_HANDLERS = [
    "<img src=x onerror=alert(30)>",
    "<IMG SRC=x OnErRoR=alert(31)>",
    '<img src=x onerror="alert(32)">',
    "<img src=x onerror='alert(33)'>",
    "<img src=x onerror=`alert(34)`>",
    "<img/src=x/onerror=alert(35)>",
    "<img src=x onerror\n=alert(36)>",
    "<img src=x:alert(37) onerror=eval(src)>",
    "<img src=x onerror=alert&#40;38&#41;>",
    "<img src=x onerror=&#97;lert(39)>",
    "<img src=x onerror=\\u0061lert(40)>",
    "<image src=x onerror=alert(41)>",
    "<svg onload=alert(42)>",
    "<svg/onload=alert(43)>",
    "<svg><g onload=alert(44)></g></svg>",
    "<svg><animate onbegin=alert(45) attributeName=x dur=1s>",
    "<svg><set onbegin=alert(46) attributeName=x to=1>",
    "<body onload=alert(47)>",
    "<body onpageshow=alert(48)>",
    "<iframe onload=alert(49)></iframe>",
    "<iframe src=x onload=__xss=50>",
    "<video src=x onerror=alert(51)>",
    "<video><source onerror=alert(52)></video>",
    "<audio src=x onerror=alert(53)>",
    "<object data=x onerror=alert(54)>",
    "<input autofocus onfocus=alert(55)>",
    "<select autofocus onfocus=alert(56)>",
    "<textarea autofocus onfocus=alert(57)></textarea>",
    "<keygen autofocus onfocus=alert(58)>",
    "<details open ontoggle=alert(59)>",
    "<details ontoggle=alert(60) open><summary>x</summary></details>",
    "<marquee onstart=alert(61)>x</marquee>",
    "<div onmouseover=alert(62)>hover me</div>",
    "<a onmouseover=alert(63)>hover me</a>",
    "<p onclick=alert(64)>click me</p>",
    "<span onpointerenter=alert(65)>x</span>",
    "<div tabindex=1 autofocus onfocusin=alert(66)>",
    "<link rel=stylesheet href=x onerror=alert(67)>",
    "<style onload=alert(68)></style>",
    "<table background=x onerror=alert(69)>",
    "<input type=image src=x onerror=alert(70)>",
    "<img srcset=x onerror=alert(71)>",
    "<picture><source srcset=x><img src=x onerror=alert(72)></picture>",
    "<div draggable=true ondragstart=alert(73)>x</div>",
    "<x contenteditable onblur=alert(74)>x",
    "<body onresize=alert(75)>",
    "<img src=x onerror=window.__xss=76>",
    "<img src=x onerror=top['al'+'ert'](77)>",
    "<img src=x onerror=confirm(78)>",
    "<img src=x onerror=prompt(79)>",
]

# Script addresses: javascript:, vbscript: and data:, disguised.
SCRIPT_URLS = [
    "<a href=javascript:alert(80)>link</a>",
    '<a href="JaVaScRiPt:alert(81)">link</a>',
    '<a href=" javascript:alert(82)">link</a>',
    '<a href="java\tscript:alert(83)">link</a>',
    '<a href="java\nscript:alert(84)">link</a>',
    '<a href="&#106;avascript:alert(85)">link</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(86)">link</a>',
    '<a href="javascript&colon;alert(87)">link</a>',
    '<a href="jav&#x09;ascript:alert(88)">link</a>',
    '<a href="\x01javascript:alert(89)">link</a>',
    '<a href="javascript:alert%2890%29">link</a>',
    '<a href="vbscript:msgbox(91)">link</a>',
    '<a href="data:text/html,<script>alert(92)</script>">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg5Myk8L3NjcmlwdD4=">link</a>',
    "<iframe src=javascript:alert(94)>",
    '<iframe src="data:text/html,<script>alert(95)</script>">',
    '<iframe srcdoc="<script>alert(96)</script>">',
    '<iframe srcdoc="&lt;img src=x onerror=alert(97)&gt;">',
    "<embed src=javascript:alert(98)>",
    "<object data=javascript:alert(99)>",
    "<form action=javascript:alert(100)><button>go</button></form>",
    "<button formaction=javascript:alert(101)>go</button>",
    '<form><button formaction="javascript:alert(102)">Read more</button></form>',
    "<form id=f></form><button form=f formaction=javascript:alert(103)>go</button>",
    "<input type=submit formaction=javascript:alert(104) value=go>",
    "<isindex action=javascript:alert(105) type=image>",
    "<math><a xlink:href=javascript:alert(106)>x</a></math>",
    "<svg><a xlink:href=javascript:alert(107)><text y=20>x</text></a></svg>",
    "<svg><a href=javascript:alert(108)><text y=20>x</text></a></svg>",
    "<math href=javascript:alert(109)>x</math>",
    "<area href=javascript:alert(110)>",
    "<base href=javascript:alert(111)//>",
    '<base href="https://attacker.invalid/">',
    '<meta http-equiv=refresh content="0;url=javascript:alert(113)">',
    '<meta http-equiv="refresh" content="0; url=data:text/html,'
    '<script>alert(114)</script>">',
    '<img src="javascript:alert(115)">',
    '<a href="javas&#99;ript:alert(116)">link</a>',
    '<a href="javascript:void(0)" onclick="alert(117)">link</a>',
]

# SVG and MathML, where the parser's rules change.
FOREIGN_CONTENT = [
    "<svg><foreignObject><img src=x onerror=alert(120)></foreignObject></svg>",
    "<svg><style><img src=x onerror=alert(121)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(122)>",
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea>'
    '<img src=x onerror=alert(123)>">',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/"
    "svg'><image href='x' onerror='alert(124)'/></svg>#x\"/></svg>",
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">'
    "alert(125)</handler></svg>",
    "<svg><title><![CDATA[</title><img src=x onerror=alert(126)>]]></svg>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(127)>x"
    "</maction></math>",
]

# Breaking out of an attribute, a tag, a comment or a text-only element.
BREAKOUTS = [
    '" onmouseover="alert(130)',
    "' onmouseover='alert(131)",
    '" autofocus onfocus="alert(132)',
    "' autofocus onfocus='alert(133)",
    '"><img src=x onerror=alert(134)>',
    "'><img src=x onerror=alert(135)>",
    '"/><svg onload=alert(136)>',
    "` onmouseover=alert(137) x=`",
    " onmouseover=alert(138) ",
    "--><img src=x onerror=alert(139)>",
    "</title><img src=x onerror=alert(140)>",
    "</textarea><img src=x onerror=alert(141)>",
    "</style><img src=x onerror=alert(142)>",
    "</noscript><img src=x onerror=alert(143)>",
    "</option></select><img src=x onerror=alert(144)>",
    "]]><img src=x onerror=alert(145)>",
    "&lt;img src=x onerror=alert(146)&gt;",
    "&#60;img src=x onerror=alert(147)&#62;",
    "&amp;lt;script&amp;gt;alert(148)&amp;lt;/script&amp;gt;",
    "%3Cscript%3Ealert(149)%3C/script%3E",
    '\\"><img src=x onerror=alert(150)>',
    "\u003cimg src=x onerror=alert(151)\u003e",
]

# Breaking out of the JSON-LD block and other script-typed containers.
JSON_LD = [
    "</script><script>alert(155)</script>",
    "</SCRIPT><script>alert(156)</script>",
    "</script ><img src=x onerror=alert(157)>",
    '"}</script><script>alert(158)</script>',
    "<!--<script>alert(159)//",
    "\\u003c/script\\u003e<script>alert(160)</script>",
    "\u2028\u2029</script><svg onload=alert(161)>",
]

# CSS tricks: expressions, script addresses in url(), styles that leak.
CSS = [
    '<div style="width:expression(alert(165))">x</div>',
    '<div style="background:url(javascript:alert(166))">x</div>',
    "<style>@import 'javascript:alert(167)';</style>",
    '<style>body{background:url("javascript:alert(168)")}</style>',
    '<div style="behavior:url(x.htc)" onmouseover=alert(169)>x</div>',
    '<link rel=stylesheet href="javascript:alert(170)">',
    "<style>*{x:expression(alert(171))}</style>",
]

# Markdown: script addresses in links and images, raw HTML inside Markdown.
MARKDOWN = [
    "[click](javascript:alert(175))",
    "[click](JAVASCRIPT:alert(176))",
    "[click](&#106;avascript:alert(177))",
    "[click](javascript&#58;alert(178))",
    "[click](<javascript:alert(179)>)",
    "[click](vbscript:msgbox(180))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxODEpPC9zY3JpcHQ+)",
    "![pic](javascript:alert(182))",
    '![pic" onerror="alert(183)](x)',
    '[click](https://example.com "" onmouseover="alert(184)")',
    "[click][evil]\n\n[evil]: javascript:alert(185)",
    "<javascript:alert(186)>",
    "**<img src=x onerror=alert(187)>**",
    "> <svg onload=alert(188)>",
    "- <details open ontoggle=alert(189)>",
    "`<script>`alert(190)`</script>`",
    "<div markdown=1>[x](javascript:alert(191))</div>",
    "[<img src=x onerror=alert(192)>](https://example.com)",
    "| a |\n| - |\n| <img src=x onerror=alert(193)> |",
    "## <script>alert(194)</script>",
    '<a href="https://example.com" onclick="alert(195)">fine-looking link</a>',
    "[click](java\nscript:alert(196))",
    '![pic](https://example.com/x.png "title" onerror=alert(197))',
]

# The embed syntax with hostile arguments.
EMBEDS = [
    "[[video:javascript:alert(200)]]",
    '[[video:https://youtu.be/dQw4w9WgXcQ title=""><img src=x onerror=alert(201)>"]]',
    '[[video:https://youtu.be/dQw4w9WgXcQ title="</script><script>alert(202)'
    '</script>"]]',
    '[[quote attribution="<img src=x onerror=alert(203)>"]]\nquoted\n[[/quote]]',
    '[[spoiler title="" onmouseover="alert(204)"]]\nhidden\n[[/spoiler]]',
    '[[spoiler title="<svg onload=alert(205)>"]]\n<img src=x onerror=alert(206)>'
    "\n[[/spoiler]]",
    '[[image:1 alt="" onerror="alert(207)" caption="<script>alert(208)</script>"]]',
    "[[related:<script>alert(209)</script>]]",
    '[[watch:"><img src=x onerror=alert(210)>]]',
    "[[<img src=x onerror=alert(211)>]]",
    '[[video:https://vimeo.com/1"onmouseover="alert(212)]]',
    '[[image:1 caption="[x](javascript:alert(213))"]]',
]

# Feeds: CDATA ends, entities a reader decodes twice, markup in plain fields.
FEED = [
    "]]><script>alert(215)</script><![CDATA[",
    "<![CDATA[<img src=x onerror=alert(216)>]]>",
    "&lt;script&gt;alert(217)&lt;/script&gt;",
    "&amp;lt;img src=x onerror=alert(218)&amp;gt;",
    "&#x3C;img src=x onerror=alert(219)&#x3E;",
    "&#0000060;img src=x onerror=alert(220)&#0000062;",
    '<button formaction="javascript:alert(221)">Read the review</button>',
    '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
    "<script>alert(222)</script></div></content>",
    "</description><description><![CDATA[<img src=x onerror=alert(223)>]]>",
    '</summary><summary type="html">&lt;svg onload=alert(224)&gt;',
    '<?xml-stylesheet type="text/xsl" href="javascript:alert(225)"?>',
    '<!DOCTYPE x [<!ENTITY e "&#60;img src=x onerror=alert(226)&#62;">]>&e;',
    "Score: <img src=x onerror=alert(227)>",
    '<p style="" onmouseover="alert(228)">verdict</p>',
]

# Odd encodings and characters that filters sometimes normalise away.
ENCODING = [
    "＜script＞alert(230)＜/script＞",
    "<img src=x onerror=alert(231)\x0b>",
    "<img\x0csrc=x\x0conerror=alert(232)>",
    "<img src=x\u00a0onerror=alert(233)>",
    "<scr\u200bipt>alert(234)</script>",
    "+ADw-script+AD4-alert(235)+ADw-/script+AD4-",
    '<a href="javascript\u0000:alert(236)">link</a>'.replace("\u0000", "\u0001"),
    '<img src=x onerror="&#x61;&#x6c;&#x65;&#x72;&#x74;(237)">',
    '<a href="&#x0000006A;avascript:alert(238)">link</a>',
    '<a href="javascript:/*--></title></style></textarea></script>'
    '<svg/onload=alert(239)>*/alert(239)">polyglot</a>',
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(240) )//%0D%0A%0d%0a//"
    "</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(240)//>\\x3e",
    "{{7*7}}<img src=x onerror=alert(241)>",
    "{% debug %}<svg onload=alert(242)>",
    "${alert(243)}<img src=x onerror=alert(243)>",
]

PAYLOADS: list[str] = [
    *SCRIPT_TAGS,
    *EVENT_HANDLERS,
    *SCRIPT_URLS,
    *FOREIGN_CONTENT,
    *BREAKOUTS,
    *JSON_LD,
    *CSS,
    *MARKDOWN,
    *EMBEDS,
    *FEED,
    *ENCODING,
]


def packed(limit: int, payloads=PAYLOADS) -> list[str]:
    """The payloads packed, in order and space-separated, into values of at
    most ``limit`` characters; one longer than the limit is cut to fit."""
    packs, current = [], ""
    for payload in payloads:
        payload = payload[:limit]
        if current and len(current) + 1 + len(payload) > limit:
            packs.append(current)
            current = ""
        current = f"{current} {payload}" if current else payload
    return [*packs, current] if current else packs


def shared(count: int, payloads=PAYLOADS, joiner="\n\n") -> list[str]:
    """The payloads dealt round-robin into ``count`` long texts (Markdown
    paragraphs by default, so each payload is its own block)."""
    return [joiner.join(payloads[start::count]) for start in range(count)]
