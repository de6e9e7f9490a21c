"""Write the labelled test pages: NAME.html (a full page with boilerplate) and NAME.txt (its text).

Run `python tests/pages/_generate.py` after editing _stories.py; the output is committed so tests
do not depend on this script. Output is deterministic (seeded).
"""

from __future__ import annotations

import json
import random
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _stories import STORIES, Story  # noqa: E402

# Sidebar headlines that must never reach the extracted text of a trap page.
TRAP_HEADLINES = (
    "ISIS leader killed in Syria raid, officials say",
    "Islamic State leader killed in U.S. operation in northwest Syria",
    "Senior IS leader killed in drone strike near Raqqa",
    "Who will replace the ISIS leader killed last week?",
    "Video: the compound where the IS leader killed himself during raid",
)
ARABIC_TRAP_HEADLINES = (
    "مقتل زعيم تنظيم داعش في عملية إنزال شمال سوريا",
    "التحالف يعلن مقتل قيادي بارز في التنظيم قرب الرقة",
)
NEUTRAL_HEADLINES = (
    "Central bank sets new exchange rate for importers",
    "UN envoy calls for renewed talks on constitution",
    "Heavy rain floods camps for displaced families near Idlib",
    "Kurdish authorities reopen border crossing with Iraq",
    "Football: Al-Shorta stay top after late equaliser",
    "Cholera cases rise along the Euphrates, WHO warns",
    "Archaeologists find mosaic floor under Homs market",
    "Trucks of aid cross into northwest Syria after delay",
    "Iraqi dinar steadies after central bank auction changes",
    "Opinion: what the drought means for the region's farmers",
    "Photo essay: the rebuilt souk of Aleppo",
    "Students protest over university exam results in Basra",
    "Turkey and Iraq discuss water sharing on the Tigris",
    "Olive harvest begins early in Afrin after hot summer",
    "Lebanon's banks extend limits on withdrawals",
    "Explainer: who controls which part of Syria?",
)
ARABIC_NEUTRAL = (
    "ارتفاع أسعار الخضار في أسواق دمشق",
    "افتتاح معبر حدودي جديد أمام حركة الشاحنات",
    "الأمطار الغزيرة تغمر مخيمات النازحين",
    "منتخب العراق يستعد لمباراة ودية",
    "وزارة التربية تعلن مواعيد الامتحانات",
    "ترميم سوق المدينة القديم في حلب",
)

ICON = (
    '<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">'
    '<path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 '
    '0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8zm-1-13h2v6h-2zm0 8h2v2h-2z"/></svg>'
)


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def links(rng: random.Random, items: tuple[str, ...], n: int, base: str) -> str:
    picked = rng.sample(list(items), min(n, len(items)))
    return "\n".join(
        f'<li><a href="{base}/{slug(h) or rng.randint(1000, 9999)}">{escape(h)}</a></li>'
        for h in picked
    )


def sidebar_heads(story: Story, rng: random.Random) -> tuple[str, ...]:
    if story.lang == "ar":
        return ARABIC_TRAP_HEADLINES + ARABIC_NEUTRAL if story.trap else ARABIC_NEUTRAL
    if story.trap:
        return TRAP_HEADLINES + tuple(rng.sample(NEUTRAL_HEADLINES, 5))
    return NEUTRAL_HEADLINES


def nav(rng: random.Random, sections: tuple[str, ...], base: str) -> str:
    subs = ("Latest", "Analysis", "Video", "Photos", "Opinion", "Explainers")
    items = []
    for s in sections:
        sub = "".join(
            f'<li><a href="{base}/{slug(s)}/{slug(x)}">{x}</a></li>' for x in rng.sample(subs, 4)
        )
        items.append(
            f'<li class="menu-item has-children"><a href="{base}/{slug(s)}">{s}</a>'
            f'<ul class="sub-menu">{sub}</ul></li>'
        )
    return "\n".join(items)


COOKIE = (
    '<div id="cookie-consent" class="consent-banner" role="dialog">'
    "<p>We use cookies and similar technologies to improve your experience, measure audiences "
    "and show personalised advertising. You can accept all cookies or choose which ones to "
    'allow. <a href="/privacy">Privacy policy</a></p>'
    '<button class="accept">Accept all</button> <button class="manage">Manage preferences'
    "</button></div>"
)

NEWSLETTER = (
    '<div class="newsletter-signup"><h3>Get the Morning Briefing</h3><p>The day\'s most '
    "important stories from the Middle East, delivered to your inbox every morning. Free, "
    'and you can unsubscribe at any time.</p><form action="/subscribe" method="post">'
    '<input type="email" name="email" placeholder="Your email address"><button>Sign up'
    "</button></form></div>"
)

SHARE = (
    '<div class="share-tools"><span>Share this article</span>'
    f'<a class="share-fb" href="https://facebook.example/share">{ICON} Facebook</a>'
    f'<a class="share-x" href="https://x.example/intent">{ICON} X</a>'
    f'<a class="share-wa" href="https://wa.example/send">{ICON} WhatsApp</a>'
    f'<a class="share-mail" href="mailto:?subject=article">{ICON} Email</a></div>'
)

ANALYTICS = """<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-EXAMPLE123', {anonymize_ip: true, page_type: 'article'});
(function(w,d,s){var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;
j.src='https://ads.example/tag.js?site=%s';f.parentNode.insertBefore(j,f);})(window,document,'script');
</script>"""


def css(rng: random.Random) -> str:
    rules = []
    for name in ("header", "nav", "main", "article", "aside", "footer", "menu-item", "promo"):
        rules.append(
            f".{name}{{margin:{rng.randint(0, 24)}px auto;padding:{rng.randint(0, 16)}px;"
            f"color:#{rng.randint(0, 0xFFFFFF):06x};font-size:{rng.randint(12, 20)}px;"
            f"line-height:1.{rng.randint(2, 7)};max-width:{rng.randint(600, 1200)}px}}"
        )
    return "<style>" + "\n".join(rules * 3) + "</style>"


def footer(rng: random.Random, base: str, site: str) -> str:
    cols = []
    for title in ("Sections", "About us", "Services", "Follow"):
        items = "".join(
            f'<li><a href="{base}/{slug(title)}/{i}">{title} link {i}</a></li>'
            for i in range(rng.randint(5, 9))
        )
        cols.append(f'<div class="footer-col"><h4>{title}</h4><ul>{items}</ul></div>')
    return (
        f'<footer class="site-footer">{"".join(cols)}<p class="copyright">© 2024 {site}. All '
        "rights reserved. Reproduction without permission is prohibited.</p>"
        '<p class="legal"><a href="/terms">Terms of use</a> | <a href="/privacy">Privacy</a> | '
        '<a href="/cookies">Cookie settings</a> | <a href="/contact">Contact</a></p></footer>'
    )


def paras(story: Story) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)


def head(story: Story, rng: random.Random, extra: str, site: str) -> str:
    charset = (
        f'<meta charset="{story.encoding}">'
        if story.declare == "meta"
        else f'<meta http-equiv="Content-Type" content="text/html; charset={story.encoding}">'
        if story.declare == "http-equiv"
        else ""
    )
    return (
        f"<head>{charset}<title>{escape(story.title)} | {site}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="description" content="{escape(story.paragraphs[0][:150])}">'
        f"{extra}{css(rng)}{ANALYTICS}</head>"
    )


# --- templates ---------------------------------------------------------------------------------


def wire(story: Story, rng: random.Random) -> str:
    base = "https://www.globalwire.example"
    url = f"{base}/world/middle-east/{slug(story.title)}-idUS{rng.randint(10**7, 10**8)}"
    meta = (
        f'<link rel="canonical" href="{url}">'
        f'<meta property="og:title" content="{escape(story.title)}">'
        f'<meta property="article:published_time" content="{story.published}">'
        f'<meta name="author" content="{escape(story.author)}">'
    )
    heads = sidebar_heads(story, rng)
    return f"""<!DOCTYPE html>
<html lang="en">{head(story, rng, meta, "Global Wire")}
<body class="article-page">
{COOKIE}
<header class="site-header"><a class="logo" href="/">Global Wire</a>
<nav class="primary-nav"><ul>{
        nav(
            rng,
            (
                "World",
                "Business",
                "Markets",
                "Middle East",
                "Technology",
                "Sustainability",
                "Legal",
                "Breakingviews",
                "Sports",
                "Lifestyle",
            ),
            base,
        )
    }</ul>
</nav><div class="ticker">Markets: Brent crude 82.10 +0.4% | Gold 2,015 -0.2% | USD/TRY 30.2
</div></header>
<main id="main-content">
<div class="breadcrumbs"><a href="/world">World</a> &gt; <a href="/world/middle-east">Middle
East</a></div>
<article class="story">
<header class="story-header"><h1 class="headline">{escape(story.title)}</h1>
<div class="byline">By <a rel="author" href="/authors/{slug(story.author)}">{escape(story.author)}
</a> <span class="date">{story.published[:10]}</span> <span class="read-time">3 minute read
</span></div>{SHARE}</header>
<div class="story-body" data-testid="body">
{paras(story)}
</div>
<p class="trust-line">Reporting by {escape(story.author)}; Editing by Desk Staff.
Our Standards: <a href="/trust">The Global Wire Trust Principles.</a></p>
<div class="tags"><a href="/tags/syria">Syria</a> <a href="/tags/iraq">Iraq</a>
<a href="/tags/security">Security</a></div>
</article>
<section class="related"><h2>Related coverage</h2><ul>{links(rng, heads, 5, base + "/world")}
</ul></section>
</main>
<aside class="sidebar"><h2>Most read</h2><ol class="most-read">{links(rng, heads, 8, base)}</ol>
<div class="ad-slot" data-ad="mpu">Advertisement</div>{NEWSLETTER}</aside>
{footer(rng, base, "Global Wire")}
</body></html>"""


def regional(story: Story, rng: random.Random) -> str:
    base = "https://levantdaily.example"
    jsonld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Levant Daily", "url": base},
            {
                "@type": "NewsArticle",
                "headline": story.title,
                "datePublished": story.published,
                "author": [{"@type": "Person", "name": story.author}],
                "publisher": {"@type": "Organization", "name": "Levant Daily"},
            },
        ],
    }
    meta = (
        f'<meta property="og:url" content="/en/news/{slug(story.title)}">'
        '<meta property="og:locale" content="en_GB">'
        f'<meta property="og:title" content="{escape(story.title)}">'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
    )
    heads = sidebar_heads(story, rng)
    dek = f'<p class="standfirst">{escape(story.dek)}</p>' if story.dek else ""
    return f"""<!DOCTYPE html>
<html>{head(story, rng, meta, "Levant Daily")}
<body>
<div class="topbar"><a href="/ar/" lang="ar">العربية</a> | <a href="/en/">English</a> |
<span class="weather">Damascus 18°C</span> <span class="date-today">Monday</span></div>
<header><div class="logo"><a href="/en/">Levant Daily</a> <span lang="ar">ليفانت ديلي</span>
</div>
<nav class="menu"><ul>{
        nav(
            rng,
            ("Syria", "Iraq", "Lebanon", "Economy", "Opinion", "Culture", "Sport", "Video"),
            base + "/en",
        )
    }</ul></nav>
<nav class="menu-ar" lang="ar" dir="rtl"><ul>
<li><a href="/ar/syria">سوريا</a></li><li><a href="/ar/iraq">العراق</a></li>
<li><a href="/ar/economy">اقتصاد</a></li><li><a href="/ar/opinion">رأي</a></li>
<li><a href="/ar/sport">رياضة</a></li></ul></nav></header>
<div class="container"><div class="row">
<div class="col-md-8">
<div class="post-header"><span class="category"><a href="/en/syria">Syria</a></span>
<h1>{escape(story.title)}</h1>{dek}
<div class="post-meta">{escape(story.author)} · <span>{story.published[:10]}</span></div></div>
<div class="featured-image"><img src="/img/{slug(story.title)}.jpg" alt="">
<span class="caption">Photo: Levant Daily archive</span></div>
<div class="post-content">
{paras(story)}
</div>
<div class="post-tags">Tags: <a href="/tag/syria">Syria</a>, <a href="/tag/economy">economy</a>
</div>
<div class="author-box"><strong>{escape(story.author)}</strong> is a correspondent for Levant Daily
covering politics and the economy. Follow on social media for daily updates.</div>
<div class="you-may-like"><h3>You may also like</h3><ul>{links(rng, heads, 4, base)}</ul></div>
</div>
<div class="col-md-4 widget-area">
<div class="widget"><h3 class="widget-title">Most Read</h3><ul>{links(rng, heads, 6, base)}</ul>
</div>
<div class="widget"><h3 class="widget-title">الأكثر قراءة</h3><ul lang="ar">
{links(rng, ARABIC_NEUTRAL, 4, base + "/ar")}</ul></div>
<div class="widget ad"><img src="/ads/banner.gif" alt="Advertisement"></div>
{NEWSLETTER}
</div></div></div>
{COOKIE}
{footer(rng, base, "Levant Daily")}
</body></html>"""


def arabic(story: Story, rng: random.Random) -> str:
    base = "https://alsharq-news.example"
    meta = (
        f'<link rel="canonical" href="/ar/article/{rng.randint(100000, 999999)}">'
        f'<meta property="og:title" content="{escape(story.title)}">'
    )
    heads = sidebar_heads(story, rng)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">{head(story, rng, meta, "الشرق نيوز")}
<body>
<div class="cookie-notice">يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.
<button>موافق</button></div>
<header class="main-header"><a class="logo" href="/">الشرق نيوز</a>
<nav><ul>
<li><a href="/ar/">الرئيسية</a></li><li><a href="/ar/syria">سوريا</a></li>
<li><a href="/ar/iraq">العراق</a></li><li><a href="/ar/arab">عربي ودولي</a></li>
<li><a href="/ar/economy">اقتصاد</a></li><li><a href="/ar/sport">رياضة</a></li>
<li><a href="/ar/video">فيديو</a></li><li><a href="/ar/opinion">مقالات رأي</a></li>
</ul></nav>
<div class="breaking">عاجل: <a href="/ar/breaking">{escape(heads[0])}</a></div>
</header>
<main>
<article class="news-details">
<h1 class="news-title">{escape(story.title)}</h1>
<div class="news-meta"><span class="writer">{escape(story.author)}</span>
<time datetime="{story.published}">{story.published[:10]}</time></div>
<figure><img src="/uploads/{rng.randint(1000, 9999)}.jpg" alt="">
<figcaption>صورة أرشيفية</figcaption></figure>
<div class="news-text">
{body}
</div>
<div class="share">شارك: <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</article>
<section class="related-news"><h2>أخبار ذات صلة</h2><ul>{links(rng, heads, 4, base)}</ul>
</section>
</main>
<aside class="most-read"><h2>الأكثر قراءة</h2><ol>{links(rng, heads, 6, base)}</ol>
<div class="newsletter">اشترك في النشرة البريدية لتصلك أهم الأخبار يومياً
<input type="email"><button>اشترك</button></div></aside>
<footer><ul>
<li><a href="/ar/about">من نحن</a></li><li><a href="/ar/contact">اتصل بنا</a></li>
<li><a href="/ar/privacy">سياسة الخصوصية</a></li><li><a href="/ar/terms">شروط الاستخدام</a></li>
</ul><p>جميع الحقوق محفوظة © 2024 الشرق نيوز</p></footer>
</body></html>"""


def blog(story: Story, rng: random.Random) -> str:
    base = "https://notes-from-the-east.example"
    url = f"{base}/{story.published[:4]}/{story.published[5:7]}/{slug(story.title)}/"
    jsonld = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "BlogPosting",
                "headline": story.title,
                "datePublished": story.published,
                "author": {"@name": story.author},
            },
        ],
    }
    meta = (
        f"<link rel='canonical' href='{url}' />"
        f'<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(jsonld)}'
        "</script>"
    )
    heads = sidebar_heads(story, rng)
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{name}</div>'
        f'<div class="comment-content"><p>{text}</p></div>'
        '<a class="comment-reply-link" href="#">Reply</a></li>'
        for name, text in (
            ("Sam", "Great write-up, thanks for sharing this."),
            ("R. Aziz", "I was there last year and agree with every word. Keep posting!"),
            ("Anonymous", "Could you write more about this next time?"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en-US">{head(story, rng, meta, "Notes from the East")}
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Notes from the
East</a></p><p class="site-description">Travel, food and politics between the rivers</p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">Home</a></li><li><a href="/about/">About</a></li>
<li><a href="/category/travel/">Travel</a></li><li><a href="/category/food/">Food</a></li>
<li><a href="/category/analysis/">Analysis</a></li><li><a href="/contact/">Contact</a></li>
</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{rng.randint(100, 9999)}" class="post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{escape(story.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published"
datetime="{story.published}">{story.published[:10]}</time></span>
<span class="byline"> by <span class="author vcard">{escape(story.author)}</span></span></div>
</header>
<div class="entry-content">
{paras(story)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul>
<li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
<div class="jp-relatedposts"><h3>Related</h3>{links(rng, heads, 3, base)}</div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/travel/">Travel
</a></span><span class="tags-links">Tagged <a href="/tag/iraq/">Iraq</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev/">Previous post:
A week in Sulaymaniyah</a></div><div class="nav-next"><a href="/next/">Next post: Notes on
river fish</a></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on
&ldquo;{escape(story.title)}&rdquo;</h2><ol class="comment-list">{comments}</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea name="comment">
</textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form><input type="search" placeholder="Search …">
</form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
{links(rng, heads, 6, base)}</ul></section>
<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>
{
        "".join(
            f'<li><a href="/20{y}/{m:02d}/">Month {m} 20{y}</a></li>'
            for y in (23, 24)
            for m in range(1, 13)
        )
    }</ul></section>
<section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div>
{
        " ".join(
            f'<a href="/tag/{t}/">{t}</a>'
            for t in (
                "iraq",
                "syria",
                "food",
                "travel",
                "history",
                "oil",
                "rivers",
                "photos",
                "books",
                "markets",
            )
        )
    }</div></section>
</aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by a blogging
platform. Theme by someone.</div></footer></div>
{COOKIE}
</body></html>"""


def amp(story: Story, rng: random.Random) -> str:
    base = "https://www.frontline-report.example"
    jsonld = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": f"{base}/news/{slug(story.title)}",
        "headline": story.title,
        "datePublished": story.published,
        "author": {"@type": "Person", "name": story.author},
    }
    meta = (
        f'<link rel="canonical" href="{base}/news/{slug(story.title)}">'
        '<script async src="https://cdn.ampproject.example/v0.js"></script>'
        "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal "
        "both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>"
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
    )
    heads = sidebar_heads(story, rng)
    parts = []
    for i, p in enumerate(story.paragraphs):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 1:
            parts.append(
                '<amp-ad width="300" height="250" type="doubleclick" '
                'data-slot="/1234/amp_article"><div fallback>Advertisement</div></amp-ad>'
            )
    return f"""<!doctype html>
<html ⚡ lang="en">{head(story, rng, meta, "Frontline Report")}
<body>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul>
{links(rng, ("Home", "World", "Middle East", "Politics", "Sport", "Business", "Video"), 7, base)}
</ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">Menu</button>
<a href="{base}">Frontline Report</a></header>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui">We and our partners use
cookies to personalise content. <button on="tap:consent.accept">OK</button></div></amp-consent>
<article class="amp-article">
<h1>{escape(story.title)}</h1>
<p class="amp-byline">{escape(story.author)} — {story.published[:10]}</p>
<amp-img src="/images/lead.jpg" width="1200" height="675" layout="responsive" alt="">
</amp-img>
<div class="amp-article-body">
{"".join(parts)}
</div>
</article>
<section class="amp-related"><h2>More stories</h2><ul>{links(rng, heads, 6, base)}</ul>
</section>
<amp-analytics type="gtag"><script type="application/json">{{"vars": {{"gtag_id": "X"}}}}
</script></amp-analytics>
<footer class="amp-footer"><a href="{base}">View full site</a> · © Frontline Report</footer>
</body></html>"""


def ads(story: Story, rng: random.Random) -> str:
    base = "https://www.middle-east-monitor-news.example"
    meta = (
        f'<meta property="og:url" content="{base}/story/{rng.randint(10000, 99999)}">'
        '<meta http-equiv="content-language" content="en">'
        f'<meta property="article:published_time" content="{story.published}">'
        f'<meta property="og:title" content="{escape(story.title)}">'
    )
    heads = sidebar_heads(story, rng)
    parts = []
    for i, p in enumerate(story.paragraphs):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 0:
            parts.append(
                '<div class="ad-container"><span class="ad-label">Advertisement</span>'
                '<div id="div-gpt-ad-1" style="min-height:250px"></div></div>'
            )
        elif i == 2:
            h = heads[rng.randrange(len(heads))]
            parts.append(
                f'<aside class="read-more-inline"><strong>Read more:</strong> <a href="/story/'
                f'{rng.randint(10000, 99999)}">{escape(h)}</a></aside>'
            )
        elif i == 3:
            parts.append(
                '<div class="inline-newsletter"><p>Enjoying this story? Sign up to our '
                "newsletter for the latest regional news.</p><button>Subscribe</button></div>"
            )
    return f"""<!DOCTYPE html>
<html lang="en">{head(story, rng, meta, "ME News")}
<body>
<div id="top-ad" class="leaderboard">Advertisement</div>
<header><nav class="nav-main"><ul>{
        nav(
            rng, ("News", "Syria", "Iraq", "Gulf", "Opinion", "Business", "Video", "Podcasts"), base
        )
    }</ul></nav>
<div class="trending">Trending: {" · ".join(f'<a href="#">{escape(h)}</a>' for h in heads[:3])}
</div></header>
<div class="page-wrap">
<div class="article-column">
<h1 class="article-title">{escape(story.title)}</h1>
<div class="article-info"><span class="author-name">{escape(story.author)}</span>
<span class="pub-date">{story.published[:10]}</span></div>
<div class="article-text">
{"".join(parts)}
</div>
<div class="article-footer-promo"><h4>Read more</h4><ul>{links(rng, heads, 4, base)}</ul></div>
<div class="outbrain-widget"><h4>Recommended for you</h4>
<ul><li><a href="https://promo.example/1">Doctors stunned by this simple trick</a></li>
<li><a href="https://promo.example/2">The best hotels in Dubai this winter</a></li></ul></div>
</div>
<div class="right-rail"><div class="rail-block"><h3>Most popular</h3><ol>
{links(rng, heads, 7, base)}</ol></div>
<div class="rail-ad">Advertisement</div></div>
</div>
{COOKIE}
{footer(rng, base, "ME News")}
</body></html>"""


def live(story: Story, rng: random.Random) -> str:
    base = "https://www.regionnow.example"
    jsonld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": story.title,
        "datePublished": story.published,
        "coverageStartTime": story.published,
    }
    meta = (
        f'<link rel="canonical" href="{base}/live/{slug(story.title)}">'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
    )
    heads = sidebar_heads(story, rng)
    entries = "\n".join(
        f'<div class="live-entry" id="entry-{i}"><div class="entry-time">'
        f"<span>{t}</span></div>"
        f'<div class="entry-body"><p>{escape(p)}</p></div>'
        '<div class="entry-share"><a href="#">Share</a></div></div>'
        for i, (t, p) in enumerate(zip(story.times, story.paragraphs, strict=True))
    )
    return f"""<!DOCTYPE html>
<html lang="en">{head(story, rng, meta, "RegionNow")}
<body>
<header class="rn-header"><a href="/" class="rn-logo">RegionNow</a>
<nav><ul>{nav(rng, ("Live", "News", "Middle East", "Africa", "Economy", "Features"), base)}
</ul></nav></header>
<div class="live-banner">LIVE</div>
<main class="live-page">
<h1>{escape(story.title)}</h1>
<div class="live-summary"><h2>Key points</h2><ul><li>Updates are added as they come in</li>
<li>Times are local</li></ul></div>
<div class="live-feed">
{entries}
</div>
<button class="load-more">Load more updates</button>
</main>
<aside class="live-aside"><h3>Latest news</h3><ul>{links(rng, heads, 6, base)}</ul>
{NEWSLETTER}</aside>
{COOKIE}
{footer(rng, base, "RegionNow")}
</body></html>"""


def comments(story: Story, rng: random.Random) -> str:
    base = "https://www.bosphorus-times.example"
    heads = sidebar_heads(story, rng)
    remarks = (
        "This has been going on for years and nobody does anything about it.",
        "Good reporting. More outlets should cover what is happening in the region.",
        "I doubt the official figures, they always say the same thing.",
        "My cousin lives near there and says things are much worse than described.",
        "Why is this not on the front page?",
        "Thanks for the balanced article, rare these days.",
    )
    thread = "\n".join(
        f'<li class="comment" id="c{i}"><div class="comment-head"><b>user{rng.randint(10, 999)}'
        f'</b> <time datetime="2025-01-0{i + 1}T10:00:00Z">{i + 1} days ago</time></div>'
        f'<div class="comment-body">{escape(r)}</div>'
        f'<div class="votes">▲ {rng.randint(0, 90)} ▼ {rng.randint(0, 20)}</div></li>'
        for i, r in enumerate(rng.sample(remarks, 5))
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">{head(story, rng, "", "Bosphorus Times")}
<body>
<header><div class="brand"><a href="/">Bosphorus Times</a></div>
<nav><ul>{nav(rng, ("Turkey", "Region", "World", "Business", "Opinion", "Life"), base)}</ul>
</nav></header>
<div class="layout">
<section class="content">
<div class="article-head"><h1>{escape(story.title)}</h1>
<p class="meta">By {escape(story.author)} · <time datetime="{story.published}">
{story.published[:10]}</time></p></div>
<div class="article-content">
{paras(story)}
</div>
<div class="comments-section"><h3>Comments (5)</h3>
<p class="rules">Please keep comments respectful. Comments are moderated.</p>
<ul class="comments">{thread}</ul>
<form class="comment-form"><textarea placeholder="Write a comment"></textarea><button>Post
</button></form></div>
<div class="more-from"><h3>More from Region</h3><ul>{links(rng, heads, 5, base)}</ul></div>
</section>
<aside class="sidebar"><div class="box"><h3>Most commented</h3><ul>
{links(rng, heads, 5, base)}</ul></div><div class="box ad">Advertisement</div></aside>
</div>
{COOKIE}
{footer(rng, base, "Bosphorus Times")}
</body></html>"""


def legacy(story: Story, rng: random.Random) -> str:
    heads = sidebar_heads(story, rng)
    body = "<br><br>\n".join(escape(p) for p in story.paragraphs)
    left = "".join(
        f'<tr><td><font size="1"><a href="/cgi-bin/show.pl?id={rng.randint(1, 9999)}">'
        f"{escape(h)}</a></font></td></tr>"
        for h in rng.sample(list(heads), min(8, len(heads)))
    )
    return f"""<html>
{head(story, rng, "", "Syria Heritage News")}
<body bgcolor="#ffffff">
<table width="100%" border="0"><tr><td colspan="2" bgcolor="#003366"><font color="#ffffff"
size="5">Syria Heritage News</font> <font color="#cccccc">Since 1999</font></td></tr>
<tr><td colspan="2"><a href="/">Home</a> | <a href="/news.html">News</a> | <a
href="/archive.html">Archive</a> | <a href="/links.html">Links</a> | <a
href="/guestbook.html">Guestbook</a> | <a href="/contact.html">Contact</a></td></tr>
<tr><td width="25%" valign="top"><b>Headlines</b><table>{left}</table>
<p><b>Poll:</b> Will tourism return this year?<br><input type="radio"> Yes
<input type="radio"> No <input type="submit" value="Vote"></p></td>
<td valign="top"><font face="Arial"><b><font size="4">{escape(story.title)}</font></b><br>
<i>{escape(story.author)}, posted {story.published}</i><br><br>
{body}
<br><br><hr><font size="1">Printer friendly version | Email this story</font></font></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright 1999-2024 Syria Heritage News.
Best viewed in 1024x768. Visitors: {rng.randint(100000, 999999)}</font></td></tr></table>
</body></html>"""


def magazine(story: Story, rng: random.Random) -> str:
    base = "https://longreads-mena.example"
    meta = (
        f'<meta property="og:url" content="{base}/features/{slug(story.title)}">'
        f'<meta property="og:title" content="{escape(story.title)}">'
        f'<meta property="article:published_time" content="{story.published}">'
        '<meta property="og:locale" content="en_US">'
    )
    heads = sidebar_heads(story, rng)
    parts = []
    for i, p in enumerate(story.paragraphs):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 1:
            parts.append(
                f'<figure class="wide"><img src="/photos/{rng.randint(1, 99)}.jpg" alt="">'
                "<figcaption>Photograph by a staff photographer.</figcaption></figure>"
            )
    return f"""<!DOCTYPE html>
<html lang="en">{head(story, rng, meta, "Longreads MENA")}
<body class="feature">
<header class="mag-header"><a href="/">Longreads MENA</a><nav><ul>
<li><a href="/features">Features</a></li><li><a href="/essays">Essays</a></li>
<li><a href="/photo">Photography</a></li><li><a href="/podcast">Podcast</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="hero"><h1 class="hero-title">{escape(story.title)}</h1>
<p class="hero-dek">{escape(story.dek)}</p><p class="hero-byline">Words by
{escape(story.author)}</p></div>
<div class="feature-body">
{"".join(parts)}
<p class="end-note">This feature was supported by a reporting grant.</p>
</div>
<div class="membership-cta"><h3>Support independent journalism</h3><p>Become a member for
unlimited access to long reads, photography and the archive.</p><a href="/join">Join now</a>
</div>
<section class="read-next"><h2>Read next</h2><ul>{links(rng, heads, 4, base)}</ul></section>
{COOKIE}
{footer(rng, base, "Longreads MENA")}
</body></html>"""


TEMPLATES = {
    "wire": wire,
    "regional": regional,
    "arabic": arabic,
    "blog": blog,
    "amp": amp,
    "ads": ads,
    "live": live,
    "comments": comments,
    "legacy": legacy,
    "magazine": magazine,
}


def main() -> None:
    for story in STORIES:
        rng = random.Random(story.name)
        page = TEMPLATES[story.template](story, rng)
        (HERE / f"{story.name}.html").write_bytes(page.encode(story.encoding))
        (HERE / f"{story.name}.txt").write_text("\n\n".join(story.paragraphs) + "\n", "utf-8")
    traps = sorted(s.name for s in STORIES if s.trap)
    (HERE / "traps.txt").write_text("\n".join(traps) + "\n", "utf-8")
    print(f"wrote {len(STORIES)} pages, {len(traps)} traps")


if __name__ == "__main__":
    main()
