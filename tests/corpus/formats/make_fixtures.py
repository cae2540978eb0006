"""Write the fixtures of this folder that are not plain UTF-8 text: two pages in legacy charsets,
a WARC crawl and two PDFs. Deterministic: running it again gives the same bytes (fixed record
ids and dates, fixed PDF dates), so the committed files are what it writes.

    .venv/bin/pip install -e '.[test]'      # fpdf2 and warcio
    .venv/bin/python tests/corpus/formats/make_fixtures.py

The tests never run this; they read the committed files. All text is written for these tests.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- legacy-charset pages

RIA_CP1251 = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Из Москвы в Пхеньян вылетел первый прямой регулярный рейс - РИА Новости, 27.07.2025</title>
<meta name="description" content="Первый прямой регулярный рейс из Москвы в Пхеньян вылетел в воскресенье из Шереметьево, сообщили в авиакомпании.">
<meta property="og:site_name" content="РИА Новости">
<meta property="og:type" content="article">
<meta property="og:title" content="Из Москвы в Пхеньян вылетел первый прямой регулярный рейс">
<meta property="og:url" content="https://ria.ru/20250727/reys-2031415926.html">
<meta property="og:locale" content="ru_RU">
<meta property="article:published_time" content="20250727T1405">
<meta property="article:modified_time" content="20250727T1652">
<link rel="canonical" href="https://ria.ru/20250727/reys-2031415926.html">
</head>
<body>
<div class="page">
<header class="header">
 <a class="header__logo" href="/">РИА Новости</a>
 <ul class="header__menu">
  <li><a href="/politics/">Политика</a></li><li><a href="/world/">В мире</a></li><li><a href="/economy/">Экономика</a></li>
  <li><a href="/society/">Общество</a></li><li><a href="/incidents/">Происшествия</a></li><li><a href="/defense_safety/">Армия</a></li>
 </ul>
</header>
<div class="layout-article">
 <div class="article">
  <div class="article__header">
   <div class="article__info"><div class="article__info-date"><a href="/20250727/">14:05 27.07.2025</a> <span class="article__info-date-modified">(обновлено: 16:52 27.07.2025)</span></div></div>
   <h1 class="article__title">Из Москвы в Пхеньян вылетел первый прямой регулярный рейс</h1>
  </div>
  <div class="article__announce"><div class="photoview__open"><img src="https://cdnn21.img.ria.ru/images/07e9/07/1b/reys.jpg" alt="Самолет в аэропорту Шереметьево"></div>
   <div class="media__copyright">© РИА Новости / Иван Петров</div></div>
  <div class="article__body">
   <div class="article__block" data-type="text"><div class="article__text"><strong>МОСКВА, 27 июл — РИА Новости.</strong> Первый прямой регулярный рейс из Москвы в Пхеньян вылетел в воскресенье из аэропорта Шереметьево, сообщили РИА Новости в авиакомпании «Северный ветер».</div></div>
   <div class="article__block" data-type="text"><div class="article__text">Рейсы будут выполняться раз в месяц на самолете Boeing 777, время в пути составит около восьми часов. Стоимость билета в экономклассе начинается от 45 тысяч рублей в одну сторону.</div></div>
   <div class="article__block" data-type="article"><div class="article__article"><span class="article__article-title">Читайте также:</span> <a href="/20250617/poezd-2022334455.html">Прямой поезд Москва — Пхеньян отправился в первый рейс</a></div></div>
   <div class="article__block" data-type="text"><div class="article__text">«Мы видим большой интерес к направлению и со стороны туристов, и со стороны деловых людей. Если спрос сохранится, частоту полетов увеличим уже осенью», — рассказал представитель перевозчика.</div></div>
   <div class="article__block" data-type="text"><div class="article__text">До сих пор прямое авиасообщение между столицами поддерживала только северокорейская компания Air Koryo, выполнявшая рейсы через Владивосток. В июне после пятилетнего перерыва было восстановлено и прямое железнодорожное сообщение между Москвой и Пхеньяном.</div></div>
   <div class="article__block" data-type="text"><div class="article__text">Договор о всеобъемлющем стратегическом партнерстве между Россией и КНДР, подписанный в Пхеньяне 19 июня 2024 года, вступил в силу 4 декабря 2024 года. Стороны договорились развивать транспортное сообщение и туризм.</div></div>
  </div>
  <div class="article__tags"><a href="/tag_kndr/">КНДР</a> <a href="/tag_aviacija/">Авиация</a> <a href="/location_Moskva/">Москва</a></div>
  <div class="article__share"><span>Поделиться</span> <a href="#vk">ВКонтакте</a> <a href="#tg">Telegram</a> <a href="#ok">Одноклассники</a></div>
 </div>
 <div class="layout-article__side">
  <div class="lenta"><h3>Лента новостей</h3>
   <div class="lenta__item"><span>13:58</span> <a href="/20250727/a.html">В Приморье ожидаются сильные дожди</a></div>
   <div class="lenta__item"><span>13:41</span> <a href="/20250727/b.html">Сборная России по волейболу вышла в финал</a></div>
  </div>
 </div>
</div>
<footer class="footer"><div class="footer__copyright">© 2025 МИА «Россия сегодня». Все права защищены. Перепечатка без разрешения запрещена.</div></footer>
</div>
</body>
</html>
"""

DAILYNK_EUCKR = """<html lang="ko">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>북한군, 러시아 쿠르스크 투입…“1만여 명 파병” | 데일리NK</title>
<meta property="og:site_name" content="데일리NK">
<meta property="og:title" content="북한군, 러시아 쿠르스크 투입…“1만여 명 파병”">
<meta property="og:url" content="https://www.dailynk.com/20241018-4/">
<meta property="og:description" content="국가정보원은 북한이 특수부대를 포함해 1만 명 이상의 병력을 러시아에 보내기로 결정했다고 밝혔다.">
<meta name="author" content="김민수 기자">
<link rel="canonical" href="https://www.dailynk.com/20241018-4/">
</head>
<body>
<table width="100%" class="top_menu"><tr>
 <td><a href="/">데일리NK</a></td><td><a href="/list/politics/">정치</a></td><td><a href="/list/society/">사회</a></td>
 <td><a href="/list/economy/">경제</a></td><td><a href="/list/world/">국제</a></td><td><a href="/english/">English</a></td>
</tr></table>
<div id="news_view">
 <div class="news_head">
  <h2 class="news_title">북한군, 러시아 쿠르스크 투입…“1만여 명 파병”</h2>
  <div class="news_info"><span class="writer">김민수 기자</span> <span class="date">입력 2024.10.18 14:21</span> <span class="date">수정 2024.10.18 18:40</span></div>
 </div>
 <div class="news_body" id="article_body">
  <p>북한이 러시아에 보낸 병력 가운데 일부가 우크라이나와 맞닿은 쿠르스크 지역에 배치된 것으로 18일 알려졌다.</p>
  <p>국가정보원은 이날 “북한이 특수부대를 포함해 1만 명 이상의 병력을 러시아에 보내기로 결정한 것으로 판단된다”며 “이미 1차 병력이 러시아 극동 지역으로 이동했다”고 밝혔다.</p>
  <p>국정원에 따르면 북한군은 러시아 태평양함대 상륙함을 타고 블라디보스토크로 이동한 뒤 연해주와 하바롭스크 등지에서 적응 훈련을 받고 있다.</p>
  <p>한 대북 소식통은 데일리NK에 “평양에서는 파병 사실을 주민들에게 알리지 않고 있다”며 “가족들에게도 훈련을 간다고만 통보했다”고 전했다.</p>
  <p>북한과 러시아는 지난 6월 평양에서 포괄적 전략적 동반자 관계에 관한 조약을 체결했다. 조약 제4조는 한쪽이 무력 침공을 받으면 다른 쪽이 지체 없이 군사적 원조를 제공하도록 규정하고 있다.</p>
  <p>김민수 기자 minsu@example.com</p>
 </div>
 <div class="news_copy">저작권자 ⓒ 데일리NK 무단전재 및 재배포 금지</div>
 <div class="news_related"><h4>관련기사</h4>
  <ul><li><a href="/20241010-2/">북한, 러시아 파병설에 침묵…내부 단속 강화</a></li><li><a href="/20241003-1/">러시아 극동서 북한 노동자 급증</a></li></ul>
 </div>
</div>
<div id="footer">데일리NK | 서울특별시 | 등록번호 서울 아00000</div>
</body>
</html>
"""

# ---------------------------------------------------------------- the WARC crawl

KOREATIMES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>North Korea-Russia treaty takes effect after ratification papers exchanged - The Korea Times</title>
<meta property="og:site_name" content="The Korea Times">
<meta property="og:title" content="North Korea-Russia treaty takes effect after ratification papers exchanged">
<meta property="og:url" content="https://www.koreatimes.co.kr/www/nation/2024/12/103_388045.html">
<link rel="canonical" href="/www/nation/2024/12/103_388045.html">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"North Korea-Russia treaty takes effect after ratification papers exchanged","datePublished":"2024-12-05T09:12:00+09:00","dateModified":"2024-12-05T16:30:00+09:00","author":[{"@type":"Person","name":"Jung Min-ho"}],"publisher":{"@type":"Organization","name":"The Korea Times"}}</script>
</head><body>
<header><a href="/">The Korea Times</a><nav><a href="/www/nation">Nation</a> <a href="/www/biz">Business</a> <a href="/www/opinion">Opinion</a></nav></header>
<div class="view_page">
<h1 class="view_headline">North Korea-Russia treaty takes effect after ratification papers exchanged</h1>
<div class="view_info">By Jung Min-ho <span>Posted : 2024-12-05 09:12 | Updated : 2024-12-05 16:30</span></div>
<div id="startts"><div class="view_article">
<p>The comprehensive strategic partnership treaty between North Korea and Russia took effect Wednesday after the two sides exchanged instruments of ratification in Moscow, the Russian foreign ministry said.</p>
<p>The exchange took place during a meeting between Russian Deputy Foreign Minister Andrey Rudenko and North Korean Foreign Minister Choe Son-hui, the ministry said in a statement posted on its website.</p>
<p>"From today the treaty is part of international law, and its obligations bind both of our countries," the statement said. North Korea's state media reported the exchange on Thursday morning.</p>
<p>South Korea's foreign ministry expressed "grave concern" and called on Moscow to stop military cooperation with Pyongyang that violates U.N. Security Council resolutions.</p>
<p>Analysts in Seoul said the timing, weeks after North Korean troops were reported in combat in Kursk, was meant to give the deployment a legal basis. "Pyongyang now has a treaty it can point to," said Oh Jae-sung, a senior fellow at the Asan Institute for Policy Studies.</p>
</div></div>
<div class="view_share"><a href="#fb">Facebook</a> <a href="#tw">Twitter</a> <a href="#print">Print</a></div>
<div class="most_read"><h3>Most Read</h3><ul><li><a href="/a">Won hits two-year low</a></li><li><a href="/b">Snow forecast for Seoul</a></li><li><a href="/c">K-drama tops Netflix chart</a></li></ul></div>
</div>
<footer>© koreatimes.co.kr. All rights reserved.</footer>
</body></html>
"""

INTERFAX_CP1251 = """<!DOCTYPE html>
<html lang="ru"><head>
<title>Лавров и Чвэ Сон Хи обсудили в Москве выполнение договора о стратегическом партнерстве - Интерфакс</title>
<meta property="og:site_name" content="Интерфакс">
<meta property="og:title" content="Лавров и Чвэ Сон Хи обсудили в Москве выполнение договора о стратегическом партнерстве">
<link rel="canonical" href="https://www.interfax.ru/world/989123">
</head><body>
<div class="header"><a href="/">Интерфакс</a> <a href="/politics/">Политика</a> <a href="/world/">В мире</a> <a href="/business/">Экономика</a></div>
<div class="mainblock"><article itemscope itemtype="http://schema.org/NewsArticle">
<h1 itemprop="headline">Лавров и Чвэ Сон Хи обсудили в Москве выполнение договора о стратегическом партнерстве</h1>
<aside class="textML"><a href="/world/">В мире</a> <time datetime="2024-11-01T15:47" itemprop="datePublished">1 ноября 2024, 15:47</time></aside>
<p>Москва. 1 ноября. INTERFAX.RU - Министр иностранных дел России Сергей Лавров провел в пятницу в Москве переговоры с министром иностранных дел КНДР Чвэ Сон Хи.</p>
<p>Стороны обсудили выполнение договора о всеобъемлющем стратегическом партнерстве, подписанного в июне, а также ситуацию на Корейском полуострове, сообщил МИД РФ.</p>
<p>«Наши отношения вышли на уровень союзничества, и мы будем выполнять все, что записано в договоре», — заявил Лавров в начале встречи.</p>
<p>Чвэ Сон Хи, по данным МИД, поблагодарила российскую сторону за поддержку и подчеркнула, что Пхеньян «всегда будет рядом с российскими товарищами».</p>
</article></div>
<div class="footer">© 1991—2024 Интерфакс. Все права защищены.</div>
</body></html>
"""

AP_GZIP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Passenger train leaves Moscow for Pyongyang as rail link resumes | AP News</title>
<meta property="og:site_name" content="AP News">
<meta property="og:title" content="Passenger train leaves Moscow for Pyongyang as rail link resumes">
<meta property="og:url" content="https://apnews.com/article/russia-north-korea-train-moscow-pyongyang-5f1e2d3c4b">
<meta property="article:published_time" content="2025-06-17T14:20:31.000Z">
<meta name="author" content="Natalia Orlova">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Passenger train leaves Moscow for Pyongyang as rail link resumes","publisher":{"@type":"Organization","name":"Associated Press"},"author":{"@type":"Person","name":"Natalia Orlova"}}</script>
</head><body>
<div class="Page-header"><a href="/">AP News</a> <a href="/world-news">World</a> <a href="/us-news">U.S.</a> <a href="/politics">Politics</a></div>
<main><div class="Page-headline"><h1>Passenger train leaves Moscow for Pyongyang as rail link resumes</h1></div>
<div class="Page-byline">By <a href="/author/natalia-orlova">Natalia Orlova</a> <bsp-timestamp data-timestamp="1750170031000">Updated 2:20 PM UTC, June 17, 2025</bsp-timestamp></div>
<div class="RichTextStoryBody RichTextBody">
<p>MOSCOW (AP) — A passenger train left Moscow for Pyongyang on Tuesday, the first direct service between the two capitals since North Korea closed its borders during the COVID-19 pandemic.</p>
<p>The journey of more than 10,000 kilometers (6,200 miles) takes about eight days, with the sleeping cars attached to trains on the Trans-Siberian line and switched at the border station of Khasan, according to Russian Railways.</p>
<p>"Tickets for the first trips sold out within days," a Russian Railways spokesperson said, adding that the service would run twice a month.</p>
<p>The resumption is the latest sign of warming ties since President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defense pact in Pyongyang a year ago.</p>
</div>
<div class="Page-actions"><a href="#share">Share</a> <a href="#copy">Copy Link</a></div>
<div class="Page-moreStories"><h3>More stories</h3><ul><li><a href="/a">Heat wave grips Europe</a></li><li><a href="/b">Markets fall on rate fears</a></li><li><a href="/c">Storm lashes Gulf Coast</a></li></ul></div>
</main>
<footer>Copyright 2025 The Associated Press. All Rights Reserved.</footer>
</body></html>
"""

NOT_FOUND_PAGE = """<!DOCTYPE html><html><head><title>Page not found | Yonhap News Agency</title></head>
<body><h1>Page not found</h1><p>The page you requested does not exist or has been moved. It may have been removed on
November 3, 2025 during a site reorganisation.</p><p><a href="/">Go to the home page</a></p></body></html>
"""

CRAWL_DATE = "2026-01-12T03:{minute:02d}:{second:02d}Z"
HTTP_DATE = "Mon, 12 Jan 2026 03:{minute:02d}:{second:02d} GMT"
LAST_MODIFIED = "Sat, 10 Jan 2026 22:15:00 GMT"


def _record_id(n: int) -> str:
    return f"<urn:uuid:5e0b7c1a-2f4d-4c8e-9a6b-{n:012d}>"


def _http_response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _chunked(data: bytes, size: int = 700) -> bytes:
    out = b""
    for start in range(0, len(data), size):
        piece = data[start:start + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def make_warc(path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    counter = iter(range(1, 100))
    clock = iter(range(0, 3000, 7))

    def headers_for(extra: dict | None = None) -> dict:
        t = next(clock)
        values = {"WARC-Record-ID": _record_id(next(counter)), "WARC-Date": CRAWL_DATE.format(minute=t // 60, second=t % 60)}
        values.update(extra or {})
        return values

    info = writer.create_warcinfo_record("crawl.warc.gz", {"software": "test-crawler/1.0", "format": "WARC File Format 1.1",
                                                           "description": "test crawl for ingest.formats"})
    info.rec_headers.replace_header("WARC-Record-ID", _record_id(0))
    info.rec_headers.replace_header("WARC-Date", "2026-01-12T03:00:00Z")
    writer.write_record(info)

    def exchange(uri: str, response: bytes) -> None:
        parts = urlsplit(uri)
        request = (f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: test-crawler/1.0\r\n"
                   f"Accept: text/html\r\n\r\n").encode()
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(request),
                                                      warc_headers_dict=headers_for()))
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(response),
                                                      warc_headers_dict=headers_for()))

    t = 5
    common = [("Date", HTTP_DATE.format(minute=0, second=t)), ("Server", "nginx"), ("Last-Modified", LAST_MODIFIED)]
    exchange("http://www.koreatimes.co.kr/www/nation/2024/12/103_388045.html", _http_response(
        "301 Moved Permanently", common + [("Location", "https://www.koreatimes.co.kr/www/nation/2024/12/103_388045.html"),
                                          ("Content-Length", "0")], b""))
    body = KOREATIMES_PAGE.encode("utf-8")
    exchange("https://www.koreatimes.co.kr/www/nation/2024/12/103_388045.html", _http_response(
        "200 OK", common + [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], body))
    body = INTERFAX_CP1251.encode("cp1251")
    exchange("https://www.interfax.ru/world/989123", _http_response(
        "200 OK", common + [("Content-Type", "text/html; charset=windows-1251"), ("Content-Length", str(len(body)))], body))
    body = _chunked(gzip.compress(AP_GZIP.encode("utf-8"), mtime=0))
    exchange("https://apnews.com/article/russia-north-korea-train-moscow-pyongyang-5f1e2d3c4b", _http_response(
        "200 OK", common + [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                            ("Transfer-Encoding", "chunked")], body))
    body = NOT_FOUND_PAGE.encode("utf-8")
    exchange("https://en.yna.co.kr/view/AEN20251103000000315", _http_response(
        "404 Not Found", common + [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], body))
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(64)) + b"\xff\xd9"
    exchange("https://img.yna.co.kr/photo/yna/YH/2025/07/11/PYH2025071100010.jpg", _http_response(
        "200 OK", common + [("Content-Type", "image/jpeg"), ("Content-Length", str(len(jpeg)))], jpeg))
    outlinks = b"outlink: https://www.koreatimes.co.kr/www/nation/2024/12/103_388000.html L a/@href\r\n"
    writer.write_record(writer.create_warc_record(
        "https://www.koreatimes.co.kr/www/nation/2024/12/103_388045.html", "metadata", payload=io.BytesIO(outlinks),
        warc_content_type="application/warc-fields",
        warc_headers_dict=headers_for({"WARC-Concurrent-To": _record_id(4)})))
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------- PDFs

NEWS_TITLE = "N. Korea ratifies comprehensive strategic partnership treaty with Russia"
NEWS_PARAGRAPHS = [
    "North Korean leader Kim Jong-¦un has signed a decree ratifying the comprehensive strategic partnership treaty "
    "with Russia, the North's state media reported Tuesday, completing the legal steps on Pyongyang's side less than "
    "five months after the pact was signed.",
    "The Korean Central News Agency said Kim signed the decree on Monday as chairman of the State Affairs "
    "Commission, and that the treaty would take effect on the day the two countries exchange the instruments of "
    "ratifi¦cation. Russian President Vladimir Putin signed the law on ratification on Nov. 9 after both houses "
    "of the Russian parliament approved it.",
    "The treaty, signed in Pyongyang on June 19 during Putin's first visit to the North in 24 years, obliges each "
    "side to provide military assistance \"with all the means at its disposal\" if the other comes under armed attack.",
    "Seoul's foreign ministry said it was watching the North Korea-¦Russia military cooperation with \"serious "
    "concern.\" \"The ratification does not change our assessment that the transfer of troops and weapons violates "
    "Security Council resolutions,\" ministry spokesperson Kang Hyun-soo told reporters.",
    "The move came as South Korean and Ukrainian intelligence agencies said more than 10,000 North Korean soldiers "
    "had been sent to Russia, some of whom have been deployed to the Kursk border region, where Ukrainian forces "
    "seized territory in August.",
    "Experts said the treaty gives Pyongyang a legal basis for the deployment. \"For Kim, this is about securing a "
    "long-term patron at a moment when Moscow needs him more than he needs Moscow,\" said Shin Dong-hyun, a professor "
    "at Korea University.",
    "Russia's upper house approved the treaty on Nov. 6. The Kremlin has said the document is not directed against "
    "any third country and is purely defensive in nature, a description Seoul and Washington have rejected.",
]
BRIEF_TITLE = "One Year in Force: The Russia-DPRK Treaty and Security in Northeast Asia"
BRIEF_SECTIONS = [
    ("Summary", [
        "The Comprehensive Strategic Partnership Treaty between Russia and the Democratic People's Republic of Korea "
        "entered into force on December 4, 2024. One year later, its mutual defense clause has been tested in practice: "
        "North Korean troops fought in the Kursk region, and Moscow has supplied Pyongyang with air defense systems, "
        "fuel and technical assistance. This brief reviews the first year of the alliance and its implications for "
        "the security of the Korean Peninsula."]),
    ("Military cooperation", [
        "The deployment of North Korean forces to Russia, first reported in October 2024, was acknowledged by "
        "both governments only in April 2025. Official statements from Pyongyang have framed it as the fulfil"
        "¦ment of Article 4 of the treaty, which commits each party to assist the other in the event of an armed attack.",
        "Russian assistance has been harder to observe. Satellite imagery suggests new air defense deployments around "
        "Pyongyang, and several defectors have described Russian technicians working at missile production sites. "
        "Kim Jong-¦un has also received a Russian-made limousine and, reportedly, help with the reconnaissance satellite "
        "program that failed twice in 2023.",
        "The cooperation extends to senior levels. Security Council Secretary Sergei Shoigu visited Pyongyang three "
        "times in 2025, and Foreign Minister Choe Son-¦hui held talks with Sergey Lavrov in Moscow and Wonsan. "
        "\"The alliance is no longer a matter of declarations,\" a senior official in Seoul said in an interview for "
        "this brief. \"It has soldiers, contracts and a calendar.\""]),
    ("Two readings of the alliance", [
        "Officials in Moscow describe the treaty as a response to Western pressure rather than as a new bloc. In their "
        "telling, Russia has restored a relationship it neglected in the 1990s, and the partnership would continue "
        "whatever happens in Ukraine. Pyongyang's language is more ambitious: its media speak of an invincible alliance "
        "and of a common struggle against hegemonism.",
        "The difference matters. A partnership grounded in the war may loosen when the fighting stops, while one grounded "
        "in shared opposition to the United States would outlast it. The evidence of the first year points both ways: "
        "most agreements signed since December 2024 concern the war economy, but the investment in transport and "
        "tourism suggests plans that reach beyond it."]),
    ("Economic and transport links", [
        "Economic ties have grown more slowly. Bilateral trade remains a fraction of North Korea's trade with China, "
        "and the flagship projects, a road bridge across the Tumen River and the modernization of the Khasan-Rajin "
        "railway, are not expected to be completed before 2026.",
        "Transport links have nonetheless multiplied. Direct passenger trains between Moscow and Pyongyang resumed in "
        "June 2025, a Russian airline began regular flights in July, and Russian tour groups have visited the Wonsan-"
        "¦Kalma resort since it opened. These links matter less for their volume than for the habits of cooperation "
        "they create between the two bureaucracies."]),
    ("Implications for Seoul", [
        "For South Korea, the treaty's first year confirms that Russia is prepared to accept a nuclear-armed North "
        "Korea as an ally. Seoul's options are limited: it can deepen coordination with Washington and Tokyo, keep "
        "open a channel to Moscow, and prepare for a North Korean military that has gained combat experience in a "
        "modern war. None of these steps will reverse the alliance, but together they can limit the damage to "
        "deterrence on the peninsula.",
        "The key uncertainty is what happens when the war in Ukraine ends. If Moscow no longer needs North Korean "
        "soldiers and shells, the balance of the relationship may shift, and the obligations written into the treaty "
        "will face their real test."]),
    ("Notes", [
        "1. Ministry of Foreign Affairs of the Russian Federation, \"On the entry into force of the Treaty,\" "
        "December 4, 2024.",
        "2. \"Respected Comrade Kim Jong Un Receives Delegation,\" KCNA, June 18, 2025, accessed October 2, 2025.",
        "3. Han Seung-woo, \"Pyongyang's Russian Turn,\" Asan Issue Brief 2024-17 (2024), pp. 3-9."]),
]


def _pdf(title: str, author: str):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(dt.datetime(2026, 1, 8, 15, 12, 0, tzinfo=dt.timezone.utc))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("test fixture generator")
    pdf.set_auto_page_break(False)
    return pdf


def _lines(pdf, text: str, width: float) -> list[str]:
    """Wrap text to width; "¦" forces a break there (adding a hyphen inside a word), and long words
    are hyphenated when the line would otherwise end well short of the margin."""
    lines: list[str] = []
    current = ""
    for token in text.split(" "):
        while "¦" in token:
            head, token = token.split("¦", 1)
            piece = head if head.endswith("-") else head + "-"
            candidate = (current + " " + piece).strip()
            if pdf.get_string_width(candidate) > width:
                lines.append(current)
                candidate = piece
            lines.append(candidate)
            current = ""
        candidate = (current + " " + token).strip()
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        free = width - pdf.get_string_width(current + " ")
        if len(token) >= 7 and token.isalpha() and free > width * 0.06:
            for cut in range(len(token) - 3, 2, -1):
                if pdf.get_string_width(current + " " + token[:cut] + "-") <= width:
                    lines.append((current + " " + token[:cut] + "-").strip())
                    token = token[cut:]
                    break
            else:
                lines.append(current)
        else:
            lines.append(current)
        current = token
    if current:
        lines.append(current)
    return [line for line in lines if line]


def make_news_pdf(path: Path) -> None:
    """A news article saved from a browser with "Print to PDF": the print date and page title at the
    top of every page, the URL and "n/N" at the bottom; paragraphs indented, no space between them."""
    url = "https://www.koreatimes.co.kr/www/nation/2024/11/103_386120.html"
    page_title = f"{NEWS_TITLE} - The Korea Times"
    pdf = _pdf(page_title, "")
    pages = []
    body: list[tuple[str, str]] = [("title", NEWS_TITLE), ("meta", "By Park Ji-won"),
                                   ("meta", "Posted : 2024-11-12 09:41 | Updated : 2024-11-12 17:20"), ("gap", "")]
    for paragraph in NEWS_PARAGRAPHS:
        body.append(("para", paragraph))
    width = 128.0
    line_h = 6.4
    y_top, y_bottom = 30.0, 262.0

    def new_page():
        pdf.add_page()
        pages.append(pdf.page)
        return y_top

    y = new_page()
    for kind, text in body:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 17)
            for line in _lines(pdf, text, width):
                pdf.set_xy(40, y); pdf.cell(width, 8, line); y += 8.5
            y += 3
        elif kind == "meta":
            pdf.set_font("Helvetica", "", 9.5)
            pdf.set_xy(40, y); pdf.cell(width, 5, text); y += 5.5
        elif kind == "gap":
            y += 4
        else:
            pdf.set_font("Times", "", 12.5)
            for number, line in enumerate(_lines(pdf, text, width - 6)):
                if y > y_bottom:
                    y = new_page()
                    pdf.set_font("Times", "", 12.5)
                indent = 6 if number == 0 else 0
                pdf.set_xy(40 + indent, y); pdf.cell(width - indent, line_h, line); y += line_h
    total = len(pages)
    for number in range(1, total + 1):
        pdf.page = number
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(10, 8); pdf.cell(60, 4, "1/8/25, 3:12 PM")
        pdf.set_xy(80, 8); pdf.cell(120, 4, page_title[:95], align="R")
        pdf.set_xy(10, 287); pdf.cell(150, 4, url)
        pdf.set_xy(180, 287); pdf.cell(20, 4, f"{number}/{total}", align="R")
    pdf.page = total
    path.write_bytes(bytes(pdf.output()))


def make_brief_pdf(path: Path) -> None:
    """A think-tank issue brief: a cover block on page 1, then a running header and a "Page n of N"
    footer on every page, section headings, space between paragraphs, hyphenated line ends."""
    pdf = _pdf(BRIEF_TITLE, "Han Seung-woo")
    header = "Asan Institute for Policy Studies | Issue Brief No. 2025-31"
    width = 118.0
    line_h = 6.3
    y_bottom = 258.0
    pages = []

    def new_page():
        pdf.add_page()
        pages.append(pdf.page)
        return 28.0

    y = new_page()
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_xy(22, y); pdf.cell(width, 5, "ISSUE BRIEF"); y += 10
    pdf.set_font("Helvetica", "B", 18)
    for line in _lines(pdf, BRIEF_TITLE, width):
        pdf.set_xy(22, y); pdf.cell(width, 9, line); y += 9.5
    y += 4
    pdf.set_font("Helvetica", "", 10.5)
    pdf.set_xy(22, y); pdf.cell(width, 5, "Han Seung-woo, Senior Fellow"); y += 6
    pdf.set_xy(22, y); pdf.cell(width, 5, "December 4, 2025"); y += 12
    for heading, paragraphs in BRIEF_SECTIONS:
        if y > y_bottom - 20:
            y = new_page()
        pdf.set_font("Helvetica", "B", 12.5)
        pdf.set_xy(22, y); pdf.cell(width, 6, heading); y += 9
        small = heading == "Notes"
        for paragraph in paragraphs:
            pdf.set_font("Times", "", 9.5 if small else 12)
            for line in _lines(pdf, paragraph, width):
                if y > y_bottom:
                    y = new_page()
                    pdf.set_font("Times", "", 9.5 if small else 12)
                pdf.set_xy(22, y); pdf.cell(width, line_h, line); y += 4.6 if small else line_h
            y += 2.0 if small else 3.2
        y += 3
    total = len(pages)
    for number in range(1, total + 1):
        pdf.page = number
        pdf.set_font("Helvetica", "I", 8.5)
        if number > 1:
            pdf.set_xy(22, 12); pdf.cell(width, 4, header)
        pdf.set_xy(22, 284); pdf.cell(width, 4, f"Page {number} of {total}", align="C")
        pdf.set_xy(22, 279); pdf.cell(width, 4, "www.asaninst.org", align="C")
    pdf.page = total
    path.write_bytes(bytes(pdf.output()))


def main() -> None:
    (HERE / "ria_cp1251_flight.html").write_bytes(RIA_CP1251.encode("cp1251"))
    (HERE / "dailynk_euckr_kursk.html").write_bytes(DAILYNK_EUCKR.encode("euc_kr"))
    make_warc(HERE / "crawl.warc.gz")
    make_news_pdf(HERE / "koreatimes_print.pdf")
    make_brief_pdf(HERE / "asan_issue_brief.pdf")
    for name in ("ria_cp1251_flight.html", "dailynk_euckr_kursk.html", "crawl.warc.gz", "koreatimes_print.pdf",
                 "asan_issue_brief.pdf"):
        print(f"{name}: {(HERE / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
