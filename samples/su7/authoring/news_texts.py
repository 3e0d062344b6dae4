# Authored news articles for the SU7 sample corpus (sample data: invented outlets on example domains,
# not real reporting) and the RSS 2.0 / RSS 1.0 / Atom feeds that list some of them.
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape


def article(url, title, outlet, author, published, language, *paragraphs):
    return {"url": url, "title": title, "outlet": outlet, "author": author, "published": published,
            "language": language, "body": "\n\n".join(paragraphs)}


ARTICLES = [
    article("https://news.example.cn/auto/2023/12/28/xiaomi-tech-day.html", "雷军：1003天，小米汽车技术发布会揭开SU7面纱",
            "示例科技日报", "王敏", "2023-12-28T18:42:00+08:00", "zh",
            "12月28日下午，小米汽车技术发布会在北京国家会议中心举行。小米集团创始人雷军用三个多小时介绍了小米SU7的电机、电池、大压铸、智能驾驶和智能座舱五大核心技术。",
            "雷军表示，从2021年3月宣布造车到今天，小米走了1003天，投入研发团队超过3400人。发布会开场，他向保时捷、特斯拉、莲花和雪铁龙等汽车品牌致敬，称小米是“站在巨人的肩膀上”。",
            "发布会没有公布价格，雷军只说“确实比较贵”。业内人士认为，小米SU7的最终定价将决定它能否在竞争激烈的中高端电动轿车市场站稳脚跟。"),
    article("https://www.autoweekly.example.com/news/xiaomi-su7-unveiled", "Xiaomi unveils the SU7 after 1,003 days, pays tribute to Porsche and Tesla",
            "Auto Weekly (sample)", "Daniel Hart", "2023-12-28T11:05:00+00:00", "en",
            "Xiaomi founder Lei Jun spent more than three hours on stage at Beijing's National Convention Center on Thursday walking through the technology behind the SU7, the smartphone maker's first car.",
            "Lei opened by thanking the carmakers Xiaomi had learned from, naming Porsche, Tesla, Lotus and Citroën, and said the company intended to become one of the world's top five carmakers within 15 to 20 years.",
            "He gave no price. Skeptics pointed to the SU7's resemblance to the Porsche Taycan and questioned whether a consumer-electronics company can master manufacturing quality and after-sales service at scale."),
    article("https://finance.example.cn/2023/12/29/xiaomi-skeptics.html", "质疑声中的小米汽车：好看的参数能否变成好开的车？",
            "示例财经观察", "李哲", "2023-12-29T09:30:00+08:00", "zh",
            "小米汽车技术发布会结束后，网络上赞誉和质疑几乎同时出现。支持者认为小米的电驱和智能座舱技术达到行业一线水平；质疑者则认为外观“致敬”过多，原创不足。",
            "多位汽车行业分析师指出，技术发布会上的参数只是第一步，量产一致性、供应链管理和售后体系才是新车企真正的考验。“手机可以寄修，汽车不行。”一位受访者说。",
            "也有声音认为，小米手机业务积累的用户基础和生态能力，可能让它在智能化体验上获得差异化优势。"),
    article("https://tech.example.com/2023/12/30/su7-specs-explained", "Xiaomi SU7 specs explained: 2.78 seconds, 800 km and a 0.195 drag coefficient",
            "Tech Ledger (sample)", "Priya Natarajan", "2023-12-30T14:00:00+00:00", "en",
            "The headline numbers from Xiaomi's tech day are aggressive: 0-100 km/h in 2.78 seconds for the dual-motor Max, up to 800 km of CLTC range, and a drag coefficient of 0.195.",
            "CLTC figures are generous compared with WLTP or EPA cycles, and winter range in northern China typically falls well short of them. Independent tests will matter more than slides.",
            "The software story may be the stronger one: HyperOS links phone, car and home devices, something neither Tesla nor BYD offers in the same way."),
    article("https://news.example.cn/auto/2024/02/27/leijun-video-stores.html", "雷军发视频谈小米汽车智能化优势，坦言最担心门店太少",
            "示例科技日报", "赵琳", "2024-02-27T21:15:00+08:00", "zh",
            "2月27日晚，雷军在个人微博发布视频，介绍小米汽车在智能化方面的优势，强调“人车家全生态”的体验：手机、汽车和家中智能设备使用同一套系统，可以无缝衔接。",
            "雷军在视频中坦言，目前最担心的是门店太少，首批门店只能覆盖部分城市，消费者试驾可能需要排队。他表示会尽快扩大门店网络。",
            "有分析认为，小米把门店问题提前说出来，是在为上市后的交付和试驾压力做预期管理。"),
    article("https://news.example.cn/auto/2024/03/28/su7-price.html", "小米SU7正式上市：21.59万元起，比Model 3便宜3万元",
            "示例科技日报", "王敏", "2024-03-28T22:30:00+08:00", "zh",
            "3月28日晚，小米SU7正式上市。标准版售价21.59万元，Pro版24.59万元，Max版29.99万元。标准版比特斯拉Model 3后驱版便宜约3万元。",
            "小米方面表示，上市27分钟大定突破5万台。雷军在发布会上说，定价经过了反复讨论，“我们希望让更多年轻人买得起”。",
            "业内人士提醒，大定可以退订，真实需求要看锁单和交付数据。"),
    article("https://www.autoweekly.example.com/news/su7-price-215900", "Xiaomi prices the SU7 from RMB 215,900, undercutting Tesla's Model 3",
            "Auto Weekly (sample)", "Daniel Hart", "2024-03-28T15:40:00+00:00", "en",
            "Xiaomi set the SU7's starting price at RMB 215,900, roughly RMB 30,000 below the entry Model 3 in China, with the Pro at RMB 245,900 and the Max at RMB 299,900.",
            "The company said it took more than 50,000 firm orders in the first 27 minutes. Deliveries begin on April 3.",
            "Analysts called the price a deliberate shot at Tesla and BYD, but warned that Xiaomi will lose money on early cars while production ramps up."),
    article("https://auto.example.cn/2024/03/30/su7-vs-model3-han.html", "21万到30万怎么选：小米SU7、特斯拉Model 3、比亚迪汉EV横向对比",
            "示例汽车周刊", "陈阳", "2024-03-30T10:00:00+08:00", "zh",
            "小米SU7上市后，很多消费者在它和特斯拉Model 3、比亚迪汉EV之间犹豫。从价格看，SU7标准版最低；从空间看，汉EV的后排最宽敞；从品牌和保值看，Model 3仍有优势。",
            "智能座舱方面，SU7的车机流畅度和手机互联体验领先；智能驾驶方面，标准版没有激光雷达，高阶功能需要等待OTA。",
            "售后网络是小米目前最明显的短板。比亚迪在全国有数千家门店，小米首批门店不到一百家。"),
    article("https://news.example.cn/auto/2024/04/03/first-deliveries.html", "首批小米SU7交付，雷军亲自为车主开车门",
            "示例科技日报", "赵琳", "2024-04-03T20:05:00+08:00", "zh",
            "4月3日，首批小米SU7在北京亦庄交付中心交付。雷军亲自为首批车主开车门，现场气氛热烈。",
            "小米汽车表示，工厂正在全力爬坡，力争4月交付超过1万台。目前大部分配置的提车周期显示为数月。"),
    article("https://www.evinsider.example.org/2024/04/05/su7-delivery-wait", "SU7 buyers face waits of up to seven months as Xiaomi ramps production",
            "EV Insider (sample)", "Sarah Klein", "2024-04-05T08:20:00+00:00", "en",
            "Xiaomi's order book is the envy of the industry, but buyers who locked in orders after launch night are being quoted delivery windows of 20 to 30 weeks for most trims.",
            "The company says its Beijing plant is running double shifts. Some buyers have cancelled refundable deposits; others are selling their delivery slots on second-hand platforms at a premium, which Xiaomi has warned against.",
            "The gap between demand and capacity is a good problem to have, but it is still a problem: every week of waiting is a week in which a Tesla or BYD showroom can make a competing offer."),
    article("https://news.example.cn/society/2024/04/06/su7-test-drive-crash.html", "多地出现小米SU7试驾事故，小米回应：加强试驾安全管理",
            "示例都市报", "刘洋", "2024-04-06T16:45:00+08:00", "zh",
            "近日，网络上流传多段小米SU7试驾车发生碰撞的视频。小米汽车回应称，事故主要原因为试驾者操作不当，未造成人员重伤。",
            "小米表示，将加强门店试驾管理，试驾时默认关闭部分高性能模式，并由安全员全程陪同。",
            "有业内人士指出，高性能电动车加速极快，普通消费者缺乏驾驶经验，试驾环节需要更严格的限制。"),
    article("https://tech.example.com/2024/04/08/su7-crash-reports", "Early SU7 crash videos spark debate over test-drive safety",
            "Tech Ledger (sample)", "Priya Natarajan", "2024-04-08T12:30:00+00:00", "en",
            "Several videos of SU7 test cars hitting barriers circulated on Chinese social media in the car's first week on sale. Xiaomi blamed driver error and said it would tighten test-drive rules.",
            "None of the incidents pointed to a defect, but the episode shows the risk of putting cars with hundreds of horsepower in front of first-time EV drivers at crowded stores.",
            "Critics online called the launch 'marketing hype outrunning the product'; owners who have had cars for a week mostly report being satisfied."),
    article("https://finance.example.cn/2024/04/10/xiaomi-marketing.html", "流量还是产品？小米SU7营销热度的冷思考",
            "示例财经观察", "李哲", "2024-04-10T08:00:00+08:00", "zh",
            "上市两周，小米SU7几乎每天都登上热搜。雷军本人的直播、微博和各种短视频让这款车获得了任何传统车企都难以企及的曝光。",
            "但也有声音质疑，过度营销可能掩盖产品问题。刹车盘生锈、车机黑屏等车主反馈在社交媒体上被放大，小米需要用更快的响应和更透明的沟通来应对。",
            "一位汽车营销从业者说：“流量能让人进店，但留住用户的只有产品和服务。”"),
    article("https://auto.example.cn/2024/04/15/su7-first-owners.html", "首批车主用车两周：小米SU7的优点和槽点",
            "示例汽车周刊", "陈阳", "2024-04-15T19:20:00+08:00", "zh",
            "记者采访了北京、上海、杭州的多位首批小米SU7车主。大多数人对外观、车机和加速表示满意，认为“超出预期”。",
            "槽点集中在后排头部空间、座椅偏硬、车机偶发黑屏和刹车盘锈迹。小米售后表示，刹车盘浮锈属正常现象，车机问题将通过OTA修复。",
            "也有车主吐槽保险费用偏高，尤其是Max版本。"),
    article("https://www.evinsider.example.org/2024/04/18/su7-range-test", "Real-world range test: SU7 Pro reaches 78% of its CLTC figure",
            "EV Insider (sample)", "Marco Rossi", "2024-04-18T10:00:00+00:00", "en",
            "We drove an SU7 Pro on a mixed highway and city loop around Shanghai at 18°C. It covered 648 km before reaching 5%, about 78% of its 830 km CLTC rating.",
            "That is in line with other Chinese EVs on the CLTC cycle. Winter numbers will be lower; owners in the northeast will be the real test.",
            "Energy use averaged 15.4 kWh per 100 km, competitive with the Model 3 in the same conditions."),
    article("https://news.example.cn/auto/2024/04/25/zgc-forum-leijun.html", "雷军中关村论坛受访：过去28天就像一场梦，三年后进入国际市场",
            "示例科技日报", "王敏", "2024-04-25T15:10:00+08:00", "zh",
            "4月25日，雷军在中关村论坛期间接受采访时说，小米SU7上市以来的28天“就像一场梦”。",
            "谈到海外市场，雷军表示，小米汽车前三年会专注国内市场，大约三年后进入国际市场。他也承认产能爬坡仍面临压力，团队每天都在工厂解决问题。",
            "分析人士认为，小米汽车出海将面临欧盟关税、认证和售后网络等多重挑战。"),
    article("https://www.autoweekly.example.com/news/lei-jun-zgc-forum", "Lei Jun: 'The past 28 days were like a dream'; overseas sales in three years",
            "Auto Weekly (sample)", "Emily Zhou", "2024-04-25T09:30:00+00:00", "en",
            "Speaking at the Zhongguancun Forum in Beijing, Xiaomi's founder said the four weeks since the SU7's launch had been 'like a dream' and that the company plans to enter international markets in about three years.",
            "Lei stressed production quality over order numbers, a noticeably calmer tone than on launch night.",
            "Tariffs in the EU and the closed US market limit the options; Southeast Asia and the Middle East are the likeliest first stops."),
    article("https://finance.example.cn/2024/04/26/first-month-numbers.html", "小米汽车首月成绩单：交付爬坡中，口碑两极",
            "示例财经观察", "周航", "2024-04-26T11:00:00+08:00", "zh",
            "上市近一个月，小米汽车交付量稳步爬升。社交媒体上的讨论仍然两极：一方认为小米“重新定义了价格”，另一方批评“饥饿营销”和等车时间过长。",
            "从车主反馈看，产品满意度较高，主要问题集中在交付速度和服务网络。"),
    article("https://news.example.cn/auto/2024/07/19/courage-speech.html", "雷军年度演讲聚焦“勇气”，小米SU7全年交付目标上调至12万台",
            "示例科技日报", "赵琳", "2024-07-19T22:40:00+08:00", "zh",
            "7月19日晚，雷军发表年度演讲，主题为“勇气”。他回顾了大学时代、金山岁月和小米造车的历程，讲述了21.59万元定价背后的反复讨论。",
            "雷军宣布，小米SU7全年交付目标从10万台上调至12万台。据平台数据，演讲的抖音直播累计观看人数达1489万，最高同时在线51万人；微博话题#雷军年度演讲#阅读量约104.4亿。",
            "也有网友评论，演讲对售后和产品问题着墨不多。"),
    article("https://www.evinsider.example.org/2024/07/20/lei-jun-courage", "Lei Jun's 'Courage' speech draws 14.89 million livestream viewers; SU7 target raised to 120,000",
            "EV Insider (sample)", "Sarah Klein", "2024-07-20T03:15:00+00:00", "en",
            "Xiaomi's founder delivered his annual speech on Friday night under the theme 'Courage'. The Douyin livestream drew 14.89 million viewers with a peak of 510,000 watching at once, and the Weibo hashtag passed roughly 10.44 billion views.",
            "Lei raised the SU7's 2024 delivery target from 100,000 to 120,000 cars and described the internal debate before the car was priced at RMB 215,900.",
            "Critics noted the speech said little about service capacity or owner complaints such as brake-disc rust and infotainment freezes."),
    article("https://auto.example.cn/2024/07/22/speech-review.html", "演讲之后：12万台目标的底气与压力",
            "示例汽车周刊", "陈阳", "2024-07-22T09:00:00+08:00", "zh",
            "要完成12万台的全年目标，小米汽车下半年需要每月交付一万多台。二期工厂的进度和供应链稳定性将是关键。",
            "从近两个月的交付数据看，小米已经连续破万，但售后网点扩张速度仍落后于保有量增长。"),
    article("https://tech.example.com/2024/08/02/su7-july-deliveries", "Xiaomi tops 10,000 SU7 deliveries for a second month",
            "Tech Ledger (sample)", "Priya Natarajan", "2024-08-02T06:00:00+00:00", "en",
            "Xiaomi said it delivered more than 10,000 SU7s in July, the second month above that mark, keeping it on course for its raised 120,000 target.",
            "Resale listings priced above new remain a sign of the backlog, though quoted waits have shortened for some trims."),
    article("https://news.example.cn/auto/2024/08/15/su7-service.html", "保有量快速增长，小米汽车售后服务承压",
            "示例都市报", "刘洋", "2024-08-15T14:30:00+08:00", "zh",
            "随着小米SU7保有量快速增长，部分车主反映钣喷维修排队时间长、漆面问题处理不满意。小米汽车表示正在加快售后网点建设。",
            "业内人士认为，售后体验将决定小米汽车第二年的口碑。"),
    article("https://www.autoweekly.example.com/news/su7-five-months-on", "Five months on: what the SU7 tells us about Xiaomi the carmaker",
            "Auto Weekly (sample)", "Emily Zhou", "2024-08-28T10:00:00+00:00", "en",
            "Five months after launch, the SU7 has proved there is demand for a well-priced, software-first sedan from a consumer brand. Deliveries are above 10,000 a month and owner satisfaction is high.",
            "The open questions are about year two: service capacity, quality consistency across a fast ramp, and whether the next model can repeat the trick without the novelty.",
            "Lei Jun's personal brand carried the launch. The product will have to carry the rest."),
]


def rfc822(iso):
    return format_datetime(datetime.fromisoformat(iso))


def write_feeds(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    zh = [a for a in ARTICLES if a["language"] == "zh"]
    en = [a for a in ARTICLES if a["language"] == "en"]

    # RSS 2.0, UTF-8, HTML in CDATA, one item without a date, one relative link.
    items = []
    for i, a in enumerate(zh[:8]):
        first = a["body"].split("\n\n")[0]
        link = a["url"].replace("https://news.example.cn", "") if i == 2 else a["url"]
        date = "" if i == 5 else f"\n      <pubDate>{rfc822(a['published'])}</pubDate>"
        items.append(f"""    <item>
      <title>{escape(a['title'])}</title>
      <link>{escape(link)}</link>
      <guid isPermaLink="false">sample-{i + 1}</guid>{date}
      <description><![CDATA[<p>{first}</p><p><img src="/img/{i}.jpg" alt="配图"/></p>]]></description>
    </item>""")
    (folder / "rss2-tech-daily.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Sample data authored for Monitor: an invented outlet's feed, not real reporting. -->
<rss version="2.0">
  <channel>
    <title>示例科技日报 汽车频道</title>
    <link>https://news.example.cn/auto/</link>
    <description>示例数据</description>
    <language>zh-cn</language>
{chr(10).join(items)}
  </channel>
</rss>
""", encoding="utf-8")

    # The same kind of feed declared and encoded as GB2312 (GBK superset used by many Chinese sites).
    gbk_items = []
    for a in zh[8:13]:
        gbk_items.append(f"""    <item>
      <title>{escape(a['title'])}</title>
      <link>{escape(a['url'])}</link>
      <pubDate>{rfc822(a['published'])}</pubDate>
      <description>{escape(a['body'].split(chr(10) + chr(10))[0])}</description>
    </item>""")
    gbk = f"""<?xml version="1.0" encoding="GB2312"?>
<rss version="2.0">
  <channel>
    <title>示例都市报</title>
    <link>https://news.example.cn/society/</link>
    <description>示例数据，非真实报道</description>
{chr(10).join(gbk_items)}
  </channel>
</rss>
"""
    (folder / "rss2-gb2312-city-daily.xml").write_bytes(gbk.encode("gbk"))

    # RSS 1.0 (RDF) with Dublin Core dates.
    rdf_items = []
    seq = []
    for a in en[:5]:
        seq.append(f'        <rdf:li rdf:resource="{escape(a["url"])}"/>')
        rdf_items.append(f"""  <item rdf:about="{escape(a['url'])}">
    <title>{escape(a['title'])}</title>
    <link>{escape(a['url'])}</link>
    <description>{escape(a['body'].split(chr(10) + chr(10))[0])}</description>
    <dc:date>{a['published']}</dc:date>
    <dc:creator>{escape(a['author'])}</dc:creator>
  </item>""")
    (folder / "rss1-auto-weekly.rdf").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://www.autoweekly.example.com/rss">
    <title>Auto Weekly (sample)</title>
    <link>https://www.autoweekly.example.com/</link>
    <description>Sample data authored for Monitor.</description>
    <items>
      <rdf:Seq>
{chr(10).join(seq)}
      </rdf:Seq>
    </items>
  </channel>
{chr(10).join(rdf_items)}
</rdf:RDF>
""", encoding="utf-8")

    # Atom 1.0 with xml:base and relative links; one entry carries only <updated>.
    entries = []
    for i, a in enumerate(en[5:10]):
        path = a["url"].split("/", 3)[3]
        when = f"<updated>{a['published']}</updated>" if i == 1 else f"<published>{a['published']}</published>\n    <updated>{a['published']}</updated>"
        entries.append(f"""  <entry>
    <title type="html">{escape(escape(a['title']))}</title>
    <link rel="alternate" type="text/html" href="{escape(path)}"/>
    <id>tag:example.org,2024:{i}</id>
    {when}
    <author><name>{escape(a['author'])}</name></author>
    <summary type="html">{escape('<p>' + a['body'].split(chr(10) + chr(10))[0] + '</p>')}</summary>
  </entry>""")
    (folder / "atom-ev-insider.xml").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.evinsider.example.org/">
  <title>EV Insider (sample)</title>
  <id>tag:example.org,2024:feed</id>
  <updated>2024-08-28T10:00:00Z</updated>
  <link rel="self" href="feed.atom"/>
{chr(10).join(entries)}
</feed>
""", encoding="utf-8")
