#!/usr/bin/env python3
"""Writes data/demo/demo.json: the demo site, its columns, the seed article
and clearly labelled sample articles (generated text). Run it again after
changing it; the output is committed so that `procura serve --demo` needs
no Python."""
import json, os

COLUMNS = [
    ("highlights", "Procuratorial Highlights", "News of the procuratorate's work and events."),
    ("party-building", "Party Building", "Party-building work of the organ Party Committee and its branches."),
    ("notices", "Notices", "Announcements and notices to the public."),
    ("procuratorial-work", "Procuratorial Work", "Reports on procuratorial functions and case handling."),
    ("open-affairs", "Open Procuratorial Affairs", "Information disclosed under procuratorial openness rules."),
]

TOPICS = {
    "highlights": ["quarterly case-quality review meeting", "training on new evidence rules",
                   "open day for community representatives", "seminar on public-interest litigation",
                   "work meeting on juvenile procuratorial work", "exchange with the provincial bar association",
                   "briefing on the half-year work report", "study session on the Civil Code",
                   "visit to a grassroots procuratorate", "forum on digital case management"],
    "party-building": ["themed party day for branch members", "branch organizational life meeting",
                       "party lesson on clean governance"],
    "notices": ["notice on holiday reception hours", "notice on the recruitment examination schedule",
                "notice on online petition channels"],
    "procuratorial-work": ["report on supervision of civil trials", "report on case-handling quality in 2022",
                           "summary of administrative procuratorial work"],
    "open-affairs": ["disclosure of the annual budget summary", "disclosure of case information guidelines",
                     "list of procuratorial service hotlines"],
}

BODY = (
    "**This is a sample article.** Its text was generated to demonstrate the procura portal. "
    "It reports no real event, and the people, places and figures in it are fictitious.\n\n"
    "The sample describes a {topic}. A portal editor would replace this paragraph with the "
    "actual report: who held the event, when and where it took place, what was discussed and "
    "what was decided.\n\n"
    "A second paragraph shows how longer reports read on a phone and on a desktop, with the "
    "font-size switcher above the text. Readers can choose a larger size, which the portal "
    "remembers across pages.\n"
)

def date(i, base_year=2022, base_month=7, base_day=14, step_days=9):
    import datetime
    d = datetime.date(base_year, base_month, base_day) + datetime.timedelta(days=step_days * i)
    return d.isoformat()

SEED_BRANCHES = ["Cadre Office", "Third Procuratorate Department", "Sixth Procuratorate Department",
                 "Seventh Procuratorate Department", "Case Management Office",
                 "Procuratorate and Supervision Department"]
MORE_BRANCHES = ["General Office", "Political Department Office", "Publicity Office",
                 "First Procuratorate Department", "Second Procuratorate Department",
                 "Fourth Procuratorate Department", "Fifth Procuratorate Department",
                 "Eighth Procuratorate Department", "Ninth Procuratorate Department",
                 "Tenth Procuratorate Department", "Legal Policy Research Office",
                 "Procuratorial Committee Office", "Planning, Finance and Equipment Department",
                 "Procuratorial Technology and Information Center", "Judicial Police Corps",
                 "Education and Training Office", "Retired Cadres Office", "Organ Service Center",
                 "Procuratorial Theory Research Office", "Petition and Complaint Office",
                 "Foreign Affairs Office", "Archives Office", "Organ Party Committee Office"]
SURNAMES = ["Zhao", "Qian", "Sun", "Li", "Zhou", "Wu", "Zheng", "Wang", "Feng", "Chen", "Chu", "Wei",
            "Jiang", "Shen", "Han", "Yang", "Zhu", "Qin", "You", "Xu", "He", "Lü", "Shi", "Zhang"]
GIVEN = ["Ming", "Hua", "Jing", "Lei", "Yan", "Tao", "Fang", "Jun", "Li", "Qiang", "Xia", "Bo",
         "Ning", "Hong", "Yu", "Peng", "Lan", "Wen", "Hui", "Gang"]

def org():
    import random
    rnd = random.Random(20220714)
    branches = []
    for i, name in enumerate(SEED_BRANCHES + MORE_BRANCHES):
        members = []
        for k in range(rnd.randint(4, 7)):
            members.append({
                "name": f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}{rnd.choice(GIVEN).lower()}",
                "gender": rnd.choice(["male", "female"]),
                "birth": f"{rnd.randint(1965, 1998)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "joined": f"{rnd.randint(1990, 2021)}-{rnd.randint(1, 12):02d}-01",
                "phone": f"555-0100-{i:02d}{k:02d}",
                "status": "probationary" if k == 5 else "full",
                "post": "secretary" if k == 0 else ("organization-member" if k == 1 else ""),
            })
        branches.append({"name": f"Party Branch of the {name}", "department": name, "members": members})
    return {"institution": "Provincial People's Procuratorate",
            "committee": "Organ Party Committee of the Provincial People's Procuratorate",
            "branches": branches}

def main():
    here = os.path.join(os.path.dirname(__file__), "..", "data", "demo")
    articles = [{
        "column": "highlights",
        "title": "Provincial Procuratorate Organs Hold Training Class for Party Branch Secretaries",
        "author": "",
        "news_source": "",
        "published": "2022-07-14T10:00",
        "lead_image": "media/lecture-placeholder.svg",
        "lead_caption": "Zhou Yong gives lectures",
        "body_file": "articles/2022-07-14-branch-secretaries-training.md",
    }]
    # 24 samples in Procuratorial Highlights, before and after the seed: with
    # the seed that is 25 articles, two pages of 20.
    topics = TOPICS["highlights"]
    for n in range(24):
        offset = n - 12 if n < 12 else n - 11  # skip 0: the seed's own date
        topic = topics[n % len(topics)]
        articles.append({
            "column": "highlights",
            "title": f"Sample article {n + 1:02d}: {topic[0].upper() + topic[1:]}",
            "author": "Sample Editor" if n % 3 else "",
            "news_source": "procura demo data",
            "published": date(offset) + "T09:00",
            "body": BODY.format(topic=topic),
            "sample": True,
        })
    for slug, _, _ in COLUMNS[1:]:
        for n, topic in enumerate(TOPICS[slug]):
            articles.append({
                "column": slug,
                "title": f"Sample: {topic[0].upper() + topic[1:]}",
                "author": "",
                "news_source": "procura demo data",
                "published": date(-3 * n - 1, step_days=11) + "T15:30",
                "body": BODY.format(topic=topic),
                "sample": True,
            })
    doc = {
        "site": {
            "name": "Provincial People's Procuratorate",
            "tagline": "Sample portal: procura demo data",
            "footer_text": "Demo site built with procura. Names of staff and events other than the seed report are fictitious.",
            "icp": "ICP filing: sample-00000000",
            "lang": "en",
        },
        "columns": [{"slug": s, "name": n, "description": d} for s, n, d in COLUMNS],
        "media": [{
            "file": "media/lecture-placeholder.svg",
            "mime": "image/svg+xml",
            "width": 960,
            "height": 540,
            "alt": "Placeholder illustration of a lecture: a speaker at a lectern before a screen and an audience, drawn as simple shapes",
        }],
        "articles": articles,
        "org": org(),
        "training": {
            "title": "Training Class for Party Branch Secretaries",
            "purpose": "Improve the political theoretical quality and professional ability of party branch secretaries, and promote the deep integration of party building and business.",
            "organizer": "Organ Party Committee",
            "start": "2022-07-14", "end": "2022-07-14",
            "venue": "Lecture hall of the Provincial People's Procuratorate",
            "target": "Party branch secretaries of the organ",
            "required_hours": 7.5, "full_time": True, "status": "completed",
            "news_article": "Provincial Procuratorate Organs Hold Training Class for Party Branch Secretaries",
            # The seed: lectures by Zhou Yong "focused on comprehensively
            # governing the Party strictly, ideological work, and party
            # building of organs", and exchanges by six named branches.
            "sessions": [
                {"starts": "2022-07-14 08:30", "hours": 1.5, "type": "lecture", "topic": "Comprehensively governing the Party strictly", "lecturer": "Zhou Yong, director of the Political Department"},
                {"starts": "2022-07-14 10:00", "hours": 1.5, "type": "lecture", "topic": "Ideological work", "lecturer": "Zhou Yong, director of the Political Department"},
                {"starts": "2022-07-14 14:00", "hours": 1.5, "type": "lecture", "topic": "Party building of organs", "lecturer": "Zhou Yong, director of the Political Department"},
            ] + [
                {"starts": f"2022-07-14 {15 + (30 + i * 30) // 60:02d}:{(30 + i * 30) % 60:02d}", "hours": 0.5, "type": "exchange",
                 "topic": f"Party building in the {b}", "branch": f"Party Branch of the {b}"}
                for i, b in enumerate(SEED_BRANCHES)
            ],
            "enroll": "all-secretaries",
            # Attendance: everyone present except these (session index,
            # branch index in the org's branch list, mark, reason).
            "attendance_exceptions": [
                {"session": 0, "branch": 9, "mark": "late"},
                {"session": 2, "branch": 14, "mark": "excused", "reason": "Court hearing (sample)"},
                {"session": 3, "branch": 21, "mark": "excused", "reason": "Case discussion (sample)"},
            ],
        },
    }
    with open(os.path.join(here, "demo.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")

if __name__ == "__main__":
    main()
