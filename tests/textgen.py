"""Seeded generator of Chinese-looking novels (no copyrighted text) and of suspects with planted
passages. Characters come from a frequency-ordered list of common modern Chinese characters
(the first ~500 of the usual character-frequency lists), weighted by Zipf's law over their rank;
words of 1-3 characters are drawn from them, sentences from words, chapters from sentences.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

COMMON = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着"
    "事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定"
    "见只主没公从已现样开些方长两手知理眼点它气回她间意正老想头很明机问力因给最问高但实信话什呢听物"
    "外被相变几门女路叫民边再第水白身结把名真情美走夜内外向战师报做声先书光马条应本很感别山色加世车"
    "全放东利尽星月花风云雨雪林金火土木石江河海湖城市街楼房窗灯桌椅衣服饭茶酒刀剑枪弓马车船飞鸟鱼虫"
    "草树叶根春夏秋冬早晚今昨明年岁父母兄弟姐妹哥儿孩友朋王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁"
    "宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊"
    "金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文笑哭喊叹望听闻问答站坐躺跑跳"
    "拿放打推拉抬低转停留送接带领忽然突却仍竟终始刚才慢快轻重冷热红黄蓝绿黑紫清静乱安危险深浅远近"
    "难易爱恨怕怒喜悲愁思念记忘梦醒睡醉病痛伤死活命运神仙魔妖鬼灵魂血肉骨心肝胆脸口鼻耳手脚背腰"
    "宫殿府院堂阁亭桥塔寺庙宗门派弟掌剑阵丹药炼修真元灵力功法境界突破天地乾坤阴阳五行八卦"
)
PUNCT_IN = "，，，、"
PUNCT_END = "。。。！？"
HAN = "".join(dict.fromkeys(COMMON))  # distinct, frequency order kept


@dataclass
class Novel:
    text: str
    words: list[str]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        weights = [1.0 / (r + 8) for r in range(len(HAN))]
        self._chars, self._cw = list(HAN), weights
        vocab = set()
        while len(vocab) < 6000:
            n = self.rng.choices((1, 2, 3), (3, 6, 1))[0]
            vocab.add("".join(self.rng.choices(self._chars, self._cw, k=n)))
        self.vocab = sorted(vocab)
        self.rng.shuffle(self.vocab)
        self._vcum = list(accumulate(1.0 / (r + 20) for r in range(len(self.vocab))))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self._vcum, k=n)

    def sentence(self) -> str:
        parts = []
        for _ in range(self.rng.randint(1, 3)):
            parts.append("".join(self.words(self.rng.randint(3, 7))))
        return self.rng.choice(PUNCT_IN).join(parts) + self.rng.choice(PUNCT_END)

    def novel(self, chars: int, chapter_every: int = 3000) -> str:
        out: list[str] = []
        size = 0
        chapter = 0
        since = chapter_every
        while size < chars:
            if since >= chapter_every:
                chapter += 1
                head = f"第{chapter}章 {''.join(self.words(2))}\n"
                out.append(head)
                size += len(head)
                since = 0
            para = "".join(self.sentence() for _ in range(self.rng.randint(2, 6))) + "\n"
            out.append(para)
            size += len(para)
            since += len(para)
        return "".join(out)[:chars]

    # --- alterations of a passage -----------------------------------------------------------

    def swap_words(self, passage: str, share: float) -> str:
        """Replace about ``share`` of the characters, word by word, with other words."""
        out = []
        i = 0
        while i < len(passage):
            c = passage[i]
            if c in PUNCT_IN or c in PUNCT_END or c == "\n":
                out.append(c)
                i += 1
                continue
            n = self.rng.choice((1, 2, 2, 3))
            if self.rng.random() < share / 2:
                out.append(self.rng.choice(self.vocab[:3000])[:n].ljust(n, "之"))
            else:
                out.append(passage[i : i + n])
            i += n
        return "".join(out)

    def paraphrase(self, sentence: str) -> str:
        """A rewrite that keeps the sense's shape but few runs of identical characters: clauses
        reordered, about a third of the words replaced, a particle added."""
        body, end = sentence[:-1], sentence[-1]
        clauses = [c for c in body.replace("、", "，").split("，") if c]
        self.rng.shuffle(clauses)
        rewritten = []
        for cl in clauses:
            chars = list(cl)
            for j in range(0, len(chars), 3):
                if self.rng.random() < 0.35:
                    chars[j] = self.rng.choice(self._chars[:200])
            rewritten.append("".join(chars) + self.rng.choice(("了", "呢", "")))
        return "，".join(rewritten) + end


def kept_passage(text: str, start: int, length: int) -> str:
    """A passage of ``length`` characters starting at a sentence start after ``start``."""
    s = text.index("。", start) + 1
    return text[s : s + length]
