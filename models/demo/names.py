"""Invented names for people, communities and villages in demo data."""

from __future__ import annotations

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文玲辉鹏宇浩然晨阳志红琳雪梅海波斌峰欣怡子涵思远嘉俊博文雨轩一鸣佳琪梓萱"
PLACE_HEAD = "青石枫林桃源望江云溪柳岸松涛银杏梧桐丹霞翠湖金沙玉泉锦绣清风明月朝阳长乐永安和平福寿"
PLACE_TAIL_URBAN = ("社区", "花园社区", "新村社区", "里社区")
PLACE_TAIL_RURAL = ("村", "庄村", "湾村", "坪村")


def person(rng: random.Random, used: set[str]) -> str:
    while True:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        if name not in used:
            used.add(name)
            return name


def place(rng: random.Random, used: set[str], rural: bool) -> str:
    tails = PLACE_TAIL_RURAL if rural else PLACE_TAIL_URBAN
    while True:
        i = rng.randrange(0, len(PLACE_HEAD) - 1, 2)
        name = PLACE_HEAD[i : i + 2] + rng.choice(tails)
        if name not in used:
            used.add(name)
            return name
