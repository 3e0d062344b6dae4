# Authored posts found by English-keyword searches ("Xiaomi SU7"), sample data, not real posts.
# Each: (Beijing time, text). Weibo texts use the same markup as weibo_texts.py.

WEIBO = [
    ("2023-12-28 17:20", "Three hours of Lei Jun explaining motors and die-casting and not one word on price. I both love and hate this. #小米SU7#"),
    ("2023-12-29 09:45", "Foreign colleague asked me why everyone in the office is talking about a phone company's car. Tried to explain 'Mi fans'. Failed [允悲]"),
    ("2024-02-27 22:10", "Lei Jun says his biggest worry is too few stores. As someone in Chengdu with zero Xiaomi car stores nearby: yes, worry more."),
    ("2024-03-28 22:31", "215,900. Tesla China's Weibo went very quiet tonight [doge] #小米SU7上市#"),
    ("2024-03-29 08:05", "Woke up to 88,898 orders in 24 hours. That's not a launch, that's a stampede. Let's see how many turn into locked orders."),
    ("2024-04-02 13:40", "Honest question from an expat: can a foreigner with a work permit buy an SU7 with a loan? The store says yes but the app says otherwise."),
    ("2024-04-07 18:12", "Every SU7 crash video has the same comment section: 'not the car, the driver'. Probably true. Still a bad look for week one."),
    ("2024-04-19 21:00", "Range test results are in: roughly 78% of CLTC on mixed driving. Completely normal for the cycle, disappointing only if you believed the brochure."),
    ("2024-04-25 16:20", "\"The past 28 days were like a dream.\" Same, Lei Jun, same. My delivery date is also a dream. #雷军#"),
    ("2024-05-12 11:30", "SU7 Pro owner, six weeks in. Quiet, fast, software is great, rear seat is cramped, brake pedal took a week to get used to. 8/10."),
    ("2024-07-19 21:15", "Watching the #雷军年度演讲# with English subtitles from Singapore. The 'Courage' theme lands. The delivery target going to 120k is the real headline."),
    ("2024-07-20 10:02", "Some perspective: 14.89 million people watched a CEO talk for two hours on a Friday night. No Western CEO could pull that off."),
    ("2024-08-09 19:45", "Four months, 7,800 km in my SU7. Range in August heat with AC on: about 75% of rated. Service visit for a door seal: booked in 9 days."),
    ("2024-08-21 08:30", "SU7 在 Shanghai 的 resale price 还是 above MSRP，这个 market 太 crazy 了。"),
]

DOUYIN = [
    ("2023-12-29 12:00", "Xiaomi car tech day explained for foreigners #XiaomiSU7 #ChinaEV"),
    ("2024-03-29 20:10", "Is the Xiaomi SU7 really cheaper than a Model 3? Full price breakdown #XiaomiSU7 #Tesla"),
    ("2024-04-12 18:30", "Expat buys a Xiaomi SU7 in Beijing: the whole process #XiaomiSU7 #ExpatLife"),
    ("2024-05-03 15:00", "SU7 vs Model 3 highway noise test #XiaomiSU7 #EVreview"),
    ("2024-07-20 09:40", "Lei Jun Courage speech in 3 minutes with English subtitles #LeiJun #XiaomiSU7"),
    ("2024-08-16 21:20", "SU7 after 10,000 km: what broke and what didn't #XiaomiSU7 #EVreview"),
]

XIAOHONGSHU = [
    ("2024-01-03 19:20", ("Is the SU7 worth waiting for?", "Coming from a Model Y. The tech day specs look great but I'll wait for real owner reviews before putting money down.", "XiaomiSU7 EV")),
    ("2024-04-06 12:15", ("Buying an SU7 as a foreigner", "Passport, residence permit, a Chinese bank card and patience. The sales team found someone who spoke English for me.", "XiaomiSU7 ExpatLife")),
    ("2024-04-28 20:40", ("SU7 color guide in English", "Aqua Blue photographs best, Olive Green looks most expensive, Mineral Gray hides dirt. Choose wisely.", "XiaomiSU7 CarColors")),
    ("2024-06-15 10:05", ("Road trip to Qiandao Lake in the SU7", "500 km round trip, one charging stop, zero range anxiety. Fast chargers at service areas were busy but fine.", "XiaomiSU7 RoadTrip")),
    ("2024-07-21 14:30", ("Lei Jun speech notes (EN)", "Courage as the theme, the story behind 215,900 yuan, and the delivery target raised to 120,000. Worth watching with subtitles.", "LeiJun XiaomiSU7")),
    ("2024-08-25 17:50", ("Not buying the SU7 after all", "Test drove it twice. Loved the tech, but the rear seat is too tight for my family and the wait was still 4 months. Went with a bigger car.", "XiaomiSU7 CarShopping")),
]
