"""Small hand-typed tables for synthetic names: people, agencies, titles.

Only word material lives here; places always come from :mod:`swgraph.core.regions`.

>>> import random
>>> rng = random.Random(1)
>>> name = person_name(rng)
>>> 2 <= len(name) <= 3 and name[0] in SURNAMES
True
"""

from __future__ import annotations

import itertools
import random

# The most common surnames, roughly in order of frequency (a weight falls with rank).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CUM = list(itertools.accumulate(1.0 / (rank + 8) for rank in range(len(SURNAMES))))

GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌宇浩凯鹏辉晨欣怡佳雪琳颖婷慧"
    "思雨萱涵博睿晓东海燕春秋云峰林波宁安康乐心诚信雅倩颖蕾琪瑶嘉俊逸轩子晗"
)

# Service agency name parts: a word and an organisation form.
AGENCY_WORDS = (
    "启航", "阳光", "同心", "和谐", "仁爱", "众合", "德成", "善美", "恒爱", "星光", "协力", "博爱", "春晖", "明德",
    "乐群", "睦邻", "立德", "暖心", "馨家", "新起点", "彩虹", "益友", "同行", "正心", "惠民", "心桥", "北斗", "扬帆",
    "萤火", "朝阳", "青禾", "知行", "善缘", "慈航", "福源", "永乐", "大爱", "长青", "共融", "绿洲",
)
AGENCY_FORMS = (
    "社会工作服务中心", "社会工作服务中心", "社会工作服务社", "社工服务社", "社会工作事务所", "社会工作发展中心",
    "社会服务中心",
)

# Association name forms by tier: provincial ones mostly 社会工作者协会 or a 联合会.
ASSOCIATION_FORMS = {
    1: ("社会工作者协会", "社会工作者协会", "社会工作协会", "社会工作联合会"),
    2: ("社会工作者协会", "社会工作协会", "社会工作协会", "社会工作行业协会"),
    3: ("社会工作协会", "社会工作者协会", "社会工作服务行业协会"),
}

# Agreement scope items and event purposes.
SCOPE_ITEMS = (
    "交流行业发展方向", "交流行业工作动向", "专业能力建设", "机构能力建设", "服务标准建设", "督导人才培养",
    "信息共享", "项目合作", "人才交流", "行业自律建设",
)
VISIT_PURPOSES = (
    "学习交流", "考察社会工作服务机构建设", "座谈交流行业发展", "调研行业组织建设", "交流督导人才培养经验",
    "交流政府购买服务经验",
)
MEETING_TITLES = {
    "forum": ("社会工作发展论坛", "社会工作本土化论坛", "社工服务创新论坛"),
    "training": ("社会工作督导培训班", "社工机构负责人培训班", "社会工作者继续教育培训"),
    "meeting": ("社会工作行业组织联席会议", "会员代表大会", "理事会议"),
}
TIE_DESCRIPTIONS = {
    "cooperation": ("合作开展社区服务项目", "联合承接政府购买服务项目", "共同开展专业培训"),
    "learning_exchange": ("互派社工学习交流", "交流督导经验", "交流项目管理经验"),
    "co_building": ("共建社工实习基地", "共建社区服务站"),
}
PROGRAMME_NAMES = (
    "社会工作督导人才培养计划", "社工机构能力建设计划", "社区社会工作服务示范项目", "社会工作专业人才培训计划",
    "农村社会工作服务试点", "社会工作服务标准化建设项目",
)


def person_name(rng: random.Random) -> str:
    """A common-looking Chinese name: a frequent surname and one or two given characters."""
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    n = 2 if rng.random() < 0.7 else 1
    return surname + "".join(rng.choice(GIVEN) for _ in range(n))
