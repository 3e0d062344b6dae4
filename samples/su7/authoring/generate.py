#!/usr/bin/env python3
"""Renders the authored SU7 texts into the platforms' JSON shapes under samples/su7/.

Run once when the authored texts change (python3 samples/su7/authoring/generate.py); the output
files are committed and nothing reads this script at run time. Seeded, so the output is stable.
"""
import hashlib
import json
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
import douyin_texts
import english_texts
import news_texts
import weibo_texts
import xiaohongshu_texts

ROOT = Path(__file__).resolve().parent.parent
BEIJING = timezone(timedelta(hours=8))
WINDOWS = ["PRESS_CONFERENCE", "SMART_TECH_VIDEO", "LAUNCH_AND_28_DAYS", "ZGC_FORUM", "COURAGE_SPEECH", "AFTERMATH"]
SLUGS = {"PRESS_CONFERENCE": "20231228-press-conference", "SMART_TECH_VIDEO": "20240226-smart-tech-video",
         "LAUNCH_AND_28_DAYS": "20240328-launch", "ZGC_FORUM": "20240425-zgc-forum",
         "COURAGE_SPEECH": "20240719-courage-speech", "AFTERMATH": "20240801-aftermath", "EXPORT": "20240720-export",
         "OWNER_SEARCH": "20240402-owners"}
REGIONS = ["北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "山东", "福建", "河南", "陕西", "辽宁", "天津", "重庆", "湖南", "海外"]
rng = random.Random(20240719)


def stable(text):
    return int(hashlib.md5(text.encode()).hexdigest(), 16)


def is_english(text):
    return not re.search(r"[\u4e00-\u9fff]", text)


def times_in(window, count):
    start = datetime.strptime(window[0], "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
    end = datetime.strptime(window[1], "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
    span = (end - start).total_seconds()
    # Most coverage lands in the first day or two after an event, with a long tail.
    offsets = sorted(span * min(1.0, rng.expovariate(4.0)) for _ in range(count))
    return [start + timedelta(seconds=int(o) + rng.randint(0, 59)) for o in offsets]


def not_before(stamp, hint, text):
    """Moves a post whose text speaks of a later day to after that day; no draw from rng, so other posts keep their values."""
    if hint is None:
        return stamp
    earliest = datetime.strptime(hint, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING) + timedelta(seconds=stable(text) % (30 * 3600))
    return max(stamp, earliest)


def hinted(entry):
    """A post is a text, or (not-before time, text)."""
    return (entry[0], entry[1]) if isinstance(entry, tuple) else (None, entry)


def wan(n, plus=False):
    """Chinese display form: 12345 -> "1.2万", 150000000 -> "1.5亿"."""
    if n >= 100_000_000:
        v = f"{n / 100_000_000:.1f}".rstrip("0").rstrip(".")
        return v + "亿"
    if plus:
        return f"{n // 10000}万+"
    v = f"{n / 10000:.1f}".rstrip("0").rstrip(".")
    return v + "万"


def engagement(followers, boost=1.0):
    base = max(3.0, followers ** 0.62) * boost
    likes = int(rng.lognormvariate(0, 0.9) * base)
    comments = int(likes * rng.uniform(0.04, 0.35))
    shares = int(likes * rng.uniform(0.02, 0.4))
    return likes, comments, shares


# ---------------------------------------------------------------- users

def weibo_users():
    zh = [("数码老K", 862000, True), ("车圈观察员小周", 431000, True), ("北漂阿杰", 1830, False),
          ("momo不吃香菜", 624, False), ("科技早报君", 2480000, True), ("电车研究所", 1570000, True),
          ("东北大碴子味儿", 3120, False), ("杭州打工人小林", 412, False), ("理性看车的老王", 52300, True),
          ("汽车产业评论", 3380000, True), ("奶茶续命中", 96, False), ("深夜开车的猫", 7420, False),
          ("财经夜读", 5120000, True), ("一只爱车的程序员", 18800, False), ("广州吴先生", 233, False),
          ("新能源小白", 1405, False), ("今天也要加油鸭_", 58, False), ("老司机说车", 987000, True),
          ("成都耙耳朵", 2650, False), ("科技圈那些事儿", 1230000, True), ("西安肉夹馍", 377, False),
          ("米粉十年", 11200, False), ("不吹不黑聊汽车", 264000, True), ("上海小钟", 903, False),
          ("电动车真香", 4480, False), ("一颗柠檬精", 131, False), ("汽车之声编辑部", 720000, True)]
    en = [("BeijingCarGuy", 12400, False), ("EVwatcher_SH", 3310, False), ("ChinaAutoDaily", 189000, True),
          ("TechInAsia_Lin", 45200, True), ("markus_in_shenzhen", 860, False), ("EV Briefing", 67800, True)]
    make = lambda pool, start: [
        {"id": start + i * 7919, "screen_name": n, "followers": f, "verified": v} for i, (n, f, v) in enumerate(pool)]
    return make(zh, 5602318840), make(en, 7390021150)


LEI_JUN = {"id": 1749127163, "screen_name": "雷军", "followers": 26_385_000, "verified": True}
XIAOMI_AUTO = {"id": 7817023621, "screen_name": "小米汽车", "followers": 4_812_000, "verified": True}

EMOTICON_IMG = {"[赞]": "zan", "[允悲]": "yunbei", "[doge]": "doge", "[二哈]": "erha", "[吃惊]": "chijing",
                "[思考]": "sikao", "[鼓掌]": "guzhang", "[笑cry]": "xiaoku", "[泪]": "lei", "[哈哈]": "haha",
                "[翻白眼]": "fanbaiyan"}


def weibo_html(text):
    def topic(m):
        t = m.group(0)
        q = quote(f"231522type=1&q={t}&t=", safe="")
        return f'<a  href="https://m.weibo.cn/search?containerid={q}" data-hide=""><span class="surl-text">{t}</span></a>'

    def emoticon(m):
        name = EMOTICON_IMG.get(m.group(0), "default")
        return (f'<span class="url-icon"><img alt="{m.group(0)}" src="https://h5.sinaimg.cn/m/emoticon/icon/default/'
                f'd_{name}-0f5e5c6d.png" style="width:1em; height:1em;" /></span>')

    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    html = re.sub(r"#[^#\s]{1,30}#", topic, html)
    html = re.sub(r"\[[^\[\]\s]{1,6}\]", emoticon, html)
    html = re.sub(r"@([\w\u4e00-\u9fff_-]+)", lambda m: f"<a href='/n/{m.group(1)}'>@{m.group(1)}</a>", html)
    return html.replace("\n", "<br />")


def weibo_count(n):
    if n >= 10000 and rng.random() < 0.5:
        return wan(n, plus=rng.random() < 0.3)
    return n


def weibo_followers(n):
    if n >= 10000 and rng.random() < 0.4:
        return wan(n)
    return n


class WeiboIds:
    def __init__(self):
        self.seen = set()

    def for_time(self, t):
        # Weibo ids grow with time; keep them 16 digits and unique.
        base = 4984000000000000 + int((t.timestamp() - 1703700000) * 1_600_000) + rng.randint(0, 1_599_999)
        while base in self.seen:
            base += rng.randint(1, 4000)
        self.seen.add(base)
        return str(base)


def mblog(ids, user, t, text, likes_boost=1.0, long_text=None):
    mid = ids.for_time(t)
    likes, comments, reposts = engagement(user["followers"], likes_boost)
    followers = user["followers"]
    body = {
        "id": mid, "mid": mid,
        "created_at": t.strftime("%a %b %d %H:%M:%S +0800 %Y"),
        "text": weibo_html(text),
        "source": rng.choice(["iPhone 15 Pro Max", "Xiaomi 14", "微博网页版", "Redmi K70", "HUAWEI Mate 60 Pro", "微博 weibo.com"]),
        "reposts_count": weibo_count(reposts), "comments_count": weibo_count(comments),
        "attitudes_count": weibo_count(likes),
        "isLongText": long_text is not None,
        "region_name": "发布于 " + rng.choice(REGIONS),
        "user": {"id": user["id"], "screen_name": user["screen_name"],
                 "profile_url": f"https://m.weibo.cn/u/{user['id']}",
                 "followers_count": weibo_followers(followers), "verified": user["verified"],
                 "verified_type": 0 if user["verified"] else -1},
    }
    if long_text is not None:
        body["text"] = weibo_html(text) + f'...<a href="/status/{mid}">全文</a>'
    return body


def build_weibo():
    zh_users, en_users = weibo_users()
    ids = WeiboIds()
    longtext_dir = ROOT / "weibo" / "longtext"
    longtext_dir.mkdir(parents=True, exist_ok=True)
    pages = {}
    originals = {}
    for name in WINDOWS:
        window = getattr(weibo_texts, name)
        posts = window[2]
        stamps = times_in(window, len(posts))
        order = list(range(len(posts)))
        rng.shuffle(order)
        blogs = []
        for stamp, idx in zip(stamps, order):
            hint, text = hinted(posts[idx])
            stamp = not_before(stamp, hint, text)
            user = rng.choice(en_users if is_english(text) else zh_users)
            blogs.append(mblog(ids, user, stamp, text))
        pages[name] = blogs

    # Official posts: a few long ones, and the originals that reposts point at.
    for name, author, when, short, full, boost in weibo_texts.OFFICIAL:
        t = datetime.strptime(when, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
        blog = mblog(ids, author_for(author), t, short, boost, long_text=full if full else None)
        if full:
            (longtext_dir / f"{blog['id']}.json").write_text(json.dumps(
                {"ok": 1, "data": {"longTextContent": weibo_html(full), "reposts_count": blog["reposts_count"],
                                   "comments_count": blog["comments_count"], "attitudes_count": blog["attitudes_count"]}},
                ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        originals[short] = blog
        pages[name].insert(0, blog)

    for name, original_start, reposts in weibo_texts.REPOSTS:
        original = next(b for s, b in originals.items() if s.startswith(original_start))
        t0 = datetime.strptime(original["created_at"], "%a %b %d %H:%M:%S +0800 %Y").replace(tzinfo=BEIJING)
        for i, text in enumerate(reposts):
            t = t0 + timedelta(minutes=rng.randint(3, 600) + i * 17)
            user = rng.choice(en_users if is_english(text) else zh_users)
            blog = mblog(ids, user, t, text, 0.3)
            blog["retweeted_status"] = original
            pages[name].append(blog)

    out = ROOT / "weibo"
    total = 0
    for name, blogs in pages.items():
        blogs.sort(key=lambda b: int(b["id"]), reverse=True)
        chunks = [blogs[i:i + 20] for i in range(0, len(blogs), 20)]
        for p, chunk in enumerate(chunks, start=1):
            cards = []
            for j, b in enumerate(chunk):
                if j == 3:
                    # Search pages group some results under a card_type 11 with a card_group.
                    cards.append({"card_type": 11, "card_group": [{"card_type": 9, "itemid": f"seqid:{b['id']}", "mblog": b}]})
                else:
                    cards.append({"card_type": 9, "itemid": f"seqid:{b['id']}", "mblog": b})
            if p == 1:
                cards.insert(0, {"card_type": 58, "desc": "实时微博", "itemid": "hint"})
            if p > 1 and p == len(chunks) and len(chunks[p - 2]) > 2:
                # A post seen again on the next page with newer counts: same post, same identity.
                again = json.loads(json.dumps(chunks[p - 2][-1]))
                likes = again["attitudes_count"]
                again["attitudes_count"] = (likes + 17) if isinstance(likes, int) else likes
                cards.append({"card_type": 9, "itemid": f"seqid:{again['id']}", "mblog": again})
            total += len(chunk)
            page = {"ok": 1, "data": {"cardlistInfo": {"containerid": "100103type=61&q=小米SU7", "page": p,
                                                      "page_size": 20, "total": len(blogs)},
                                      "cards": cards}}
            path = out / f"search-{SLUGS[name]}-p{p}.json"
            path.write_text(json.dumps(page, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return total


def author_for(key):
    return {"leijun": LEI_JUN, "xiaomi_auto": XIAOMI_AUTO}[key]


# ---------------------------------------------------------------- douyin

DOUYIN_AUTHORS = [("小米汽车", 5_230_000), ("雷军", 31_600_000), ("懂车小能手", 2_140_000), ("阿杰说车", 486_000),
                  ("新能源老张", 93_400), ("车评人大白", 1_320_000), ("北京车友会", 22_800), ("小鹿爱开车", 8_650),
                  ("提车日记", 3_410), ("科技早知道", 3_870_000), ("喜欢SU7的小王", 612), ("东北老铁说车", 150_300),
                  ("一分钟看车", 760_000), ("程序员开电车", 4_230), ("China EV Daily", 58_000), ("Mark drives China", 12_700)]


def douyin_aweme(t, text, export):
    name, followers = rng.choice(DOUYIN_AUTHORS[-2:] if is_english(text) else DOUYIN_AUTHORS[:-2])
    uid_seed = stable((name)) % 10_000_000
    aweme_id = str(7318000000000000000 + int((t.timestamp() - 1703700000) * 3_900_000) + rng.randint(0, 99999))
    likes, comments, shares = engagement(followers, 2.5)
    plays = int(likes * rng.uniform(12, 40))
    collects = int(likes * rng.uniform(0.03, 0.25))
    tags = re.findall(r"#([^\s#]+)", text)
    stats = {"digg_count": likes, "comment_count": comments, "share_count": shares,
             "collect_count": collects, "play_count": plays}
    if export:
        stats = {k: douyin_export_count(v) for k, v in stats.items()}
    return {
        "aweme_id": aweme_id,
        "desc": text,
        "create_time": int(t.timestamp()),
        "author": {"uid": str(60000000000 + uid_seed * 13), "sec_uid": "MS4wLjABAAAA" + f"{uid_seed:012d}x{len(name)}Dy",
                   "nickname": name, "follower_count": followers},
        "statistics": stats,
        "text_extra": [{"start": text.index("#" + tag), "end": text.index("#" + tag) + len(tag) + 1,
                        "type": 1, "hashtag_name": tag, "hashtag_id": str(1600000000000000000 + stable((tag)) % 10**15)}
                       for tag in tags],
        "ip_label": rng.choice(REGIONS[:-1]),
        "share_url": f"https://www.iesdouyin.com/share/video/{aweme_id}/",
        "aweme_type": 0,
        "video": {"duration": rng.randint(12, 600) * 1000},
    }


def douyin_export_count(n):
    if n >= 100_000:
        return "10w+"
    if n >= 10_000:
        return f"{n / 10000:.1f}w".replace(".0w", "w")
    return str(n)


def build_douyin():
    out = ROOT / "douyin"
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name in WINDOWS + ["EXPORT"]:
        window = getattr(douyin_texts, name)
        posts = list(window[2])
        rng.shuffle(posts)
        awemes = []
        for t, entry in zip(times_in(window, len(posts)), posts):
            hint, text = hinted(entry)
            awemes.append(douyin_aweme(not_before(t, hint, text), text, name == "EXPORT"))
        awemes.sort(key=lambda a: a["statistics"]["digg_count"] if name != "EXPORT" else 0, reverse=True)
        page = {"status_code": 0, "aweme_list": awemes, "has_more": 0, "cursor": len(awemes),
                "extra": {"now": 1724900000000, "logid": f"2024{total:06d}SU7SAMPLE"}}
        (out / f"search-{SLUGS[name]}.json").write_text(json.dumps(page, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        total += len(awemes)
    return total


# ---------------------------------------------------------------- xiaohongshu

XHS_USERS = ["橙子的碎碎念", "Lily在北京", "一只小蘑菇", "车盲小姐姐", "阿May的日常", "是小鱼呀", "程序媛开车记",
             "周末去哪儿", "奶黄包", "北京土著小赵", "今天提车了吗", "Momo爱旅行", "理性消费研究所", "小米汽车车主俱乐部",
             "半糖少冰", "阿飞的车库", "职场小黑", "上海阿姨不简单"]
XHS_EN_USERS = ["Jess in Shanghai", "Tom explores China", "EV expat life"]


def xhs_count(n):
    if n >= 100_000:
        return "10万+"
    if n >= 10_000:
        return wan(n)
    return str(n)


def xhs_note(t, title, desc, topics, index):
    user = rng.choice(XHS_EN_USERS if is_english(title + desc) else XHS_USERS)
    note_id = f"{int(t.timestamp()):08x}" + f"{rng.getrandbits(64):016x}"
    followers = rng.choice([300, 1200, 5600, 23000, 88000])
    likes, comments, shares = engagement(followers, 3.0)
    if random.Random(stable(title)).random() < 0.15:
        # A few notes go viral; a separate generator keeps the rest of the corpus unchanged.
        likes, comments, shares = likes * 12, comments * 6, shares * 9
    collects = int(likes * rng.uniform(0.2, 1.1))
    topic_list = topics.split()
    full_desc = desc + " " + " ".join(f"#{tag}[话题]#" for tag in topic_list)
    card = {
        "type": "video" if rng.random() < 0.25 else "normal",
        "display_title": title,
        "title": title,
        "desc": full_desc,
        # Most notes carry milliseconds; older exports carry seconds.
        "time": int(t.timestamp()) * 1000 + rng.randint(0, 999) if index % 7 else int(t.timestamp()),
        "user": {"user_id": f"5{stable((user)) % 16**23:023x}", "nickname": user,
                 "avatar": "https://sns-avatar.example.cn/avatar/sample.jpg"},
        "interact_info": {"liked": False, "liked_count": xhs_count(likes), "collected_count": xhs_count(collects),
                          "comment_count": xhs_count(comments), "share_count": xhs_count(shares)},
        "tag_list": [{"id": f"{stable((tag)) % 16**24:024x}", "name": tag, "type": "topic"} for tag in topic_list]
                    + ([{"id": "5e8f1a2b3c4d5e6f7a8b9c0d", "name": "北京", "type": "location"}] if index % 9 == 0 else []),
        "ip_location": rng.choice(REGIONS),
    }
    # The search API names the id "note_id" inside note_card; the feed API names it "id".
    card["note_id" if index % 5 else "id"] = note_id
    return {"id": note_id, "model_type": "note", "xsec_token": f"AB{rng.getrandbits(80):020x}", "note_card": card}


def build_xiaohongshu():
    out = ROOT / "xiaohongshu"
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name in WINDOWS + ["OWNER_SEARCH"]:
        window = getattr(xiaohongshu_texts, name)
        notes = list(window[2])
        rng.shuffle(notes)
        items = [xhs_note(not_before(t, note[3] if len(note) > 3 else None, note[0]), *note[:3], total + i)
                 for i, (t, note) in enumerate(zip(times_in(window, len(notes)), notes))]
        page = {"success": True, "msg": "成功", "code": 0, "data": {"has_more": False, "items": items}}
        (out / f"search-{SLUGS[name]}.json").write_text(json.dumps(page, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        total += len(items)
    return total


# ---------------------------------------------------------------- news

def build_news():
    out = ROOT / "news"
    out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(a, ensure_ascii=False) for a in news_texts.ARTICLES]
    (out / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    news_texts.write_feeds(out / "rss")
    return len(lines)


# ---------------------------------------------------------------- English-keyword searches

def build_english_searches():
    """Pages from searches for "Xiaomi SU7"; built last so the pages above keep their ids and counts."""
    stamp = lambda text: datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING) + timedelta(seconds=rng.randint(0, 59))
    zh_users, en_users = weibo_users()
    ids = WeiboIds()
    blogs = [mblog(ids, rng.choice(en_users if is_english(text) else zh_users), stamp(when), text) for when, text in english_texts.WEIBO]
    blogs.sort(key=lambda b: int(b["id"]), reverse=True)
    page = {"ok": 1, "data": {"cardlistInfo": {"containerid": "100103type=1&q=Xiaomi SU7", "page": 1, "page_size": 20, "total": len(blogs)},
                              "cards": [{"card_type": 9, "itemid": f"seqid:{b['id']}", "mblog": b} for b in blogs]}}
    (ROOT / "weibo" / "search-xiaomi-su7-en-p1.json").write_text(json.dumps(page, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    awemes = [douyin_aweme(stamp(when), text, False) for when, text in english_texts.DOUYIN]
    (ROOT / "douyin" / "search-xiaomi-su7-en.json").write_text(json.dumps(
        {"status_code": 0, "aweme_list": awemes, "has_more": 0, "cursor": len(awemes)}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    notes = [xhs_note(stamp(when), *note, 1000 + i) for i, (when, note) in enumerate(english_texts.XIAOHONGSHU)]
    (ROOT / "xiaohongshu" / "search-xiaomi-su7-en.json").write_text(json.dumps(
        {"success": True, "msg": "成功", "code": 0, "data": {"has_more": False, "items": notes}}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(blogs), len(awemes), len(notes)


def clear_previous_output():
    for folder in ["weibo", "weibo/longtext", "douyin", "xiaohongshu", "news", "news/rss"]:
        for old in (ROOT / folder).glob("*.*"):
            if old.is_file():
                old.unlink()


if __name__ == "__main__":
    clear_previous_output()
    counts = {"weibo": build_weibo(), "douyin": build_douyin(), "xiaohongshu": build_xiaohongshu(), "news": build_news()}
    extra = build_english_searches()
    counts["weibo"] += extra[0]
    counts["douyin"] += extra[1]
    counts["xiaohongshu"] += extra[2]
    print(counts, "platform posts:", counts["weibo"] + counts["douyin"] + counts["xiaohongshu"])
