"""The text writer of the demo kallelser and the bodies of the handlingar it writes (decision, embedded
bilaga, IVO report, delegationsbeslut, anmälningsärenden with the optional secret part)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .topics import ANM_TITLES, MATT, REPORT_PARAS, REVISION_PARAGRAPH


class Writer:
    """Lines of a kallelse in the 2024 text export form: paragraphs on one line, blank lines between."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def para(self, *texts: str) -> None:
        for t in texts:
            self.lines.append(t)
            self.lines.append("")

    def raw(self, *lines: str) -> None:
        self.lines.extend(lines)

    def blanks(self, n: int = 3) -> None:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.lines.extend([""] * n)

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines)


def fmt(s: str, v: dict) -> str:
    return s.format(**v)


def write_decision(w: Writer, r: random.Random, spec: dict, v: dict, name: str, revised: bool) -> None:
    f = lambda s: fmt(s, v)  # noqa: E731
    w.para("Förslag till beslut", f(spec["proposal"]), "Sammanfattning av ärendet")
    w.para(*[f(s) for s in spec["summary"]])
    w.para("Ärendet")
    case = [f(s) for s in spec["case"]]
    k = max(2, len(case) - r.randint(0, 1))
    paras = case[:k]
    if revised:
        paras.insert(1, REVISION_PARAGRAPH.format(**v))
    w.para(*paras)
    w.para("Ekonomiska konsekvenser", f(spec["economics"]))
    if spec.get("child"):
        w.para("Barnkonsekvensanalys", f(spec["child"]))
    w.para("Underlag för beslut")
    w.raw(*[f"- {f(u)}" for u in spec["underlag"]], "")
    w.para("Skickas till", *[f(s) for s in spec["send"]])


def write_bilaga(w: Writer, r: random.Random, p: dict, v: dict, name: str, chapters: int) -> None:
    w.para("DET HÄR ÄR BOTKYRKA")
    if p["spec"].get("report"):
        w.para(f"Delårsrapport {v['t']}", f"Tertial {v['t']} {v['y']}", name)
    else:
        underlag = p["spec"]["underlag"]
        w.para(fmt(underlag[-1], v) if len(underlag) > 1 else p["title"], "Bilaga till tjänsteskrivelse", name)
    w.blanks(3)
    w.para("Innehållsförteckning")
    heads = [
        "Sammanfattning",
        "Måluppföljning och analys",
        "Betydelsefulla händelser",
        "Ekonomisk uppföljning",
        "Volymer och nyckeltal",
        "Personal och arbetsmiljö",
    ]
    chapters = max(1, chapters)
    titles = [heads[k % len(heads)] + ("" if k < len(heads) else f" {k // len(heads) + 1}") for k in range(chapters)]
    w.raw(*[f"{k + 1}\t{t}\t{3 + 2 * k}" for k, t in enumerate(titles)], "")
    for k, t in enumerate(titles):
        w.para(f"{k + 1} {t}")
        w.para(*r.sample(REPORT_PARAS, 3))
        for _ in range(2):
            label, unit = r.choice(MATT)
            w.raw(f"Mått\tUtfall {v['y'] - 2}\tUtfall {v['y0']}\tMål {v['y']}\tUtfall {v['y']}")
            vals = [r.randint(10, 95) for _ in range(4)]
            w.raw(f"{label}\t" + "\t".join(f"{x} {unit}".strip() for x in vals))
            w.para(f"Analys\t{r.choice(REPORT_PARAS)}")
        w.para(*r.sample(REPORT_PARAS, 2))


def write_ivo(w: Writer, r: random.Random, name: str, q: int, y: int) -> None:
    w.para(
        "Förslag till beslut",
        f"{name} antar rapporterna som sina egna och överlämnar dem till Inspektionen för vård och omsorg (IVO), kommunfullmäktige och kommunens revisorer.",
    )
    w.para(
        "Sammanfattning",
        f"Nämnden ska rapportera beslut om bistånd som inte har verkställts inom tre månader. För kvartal {q} {y} rapporteras {r.randint(4, 19)} beslut.",
    )
    w.para(
        "Ärendet",
        "Flest ej verkställda beslut gäller kontaktfamilj och kontaktperson, där det är svårt att rekrytera lämpliga uppdragstagare. I flera ärenden har den enskilde tackat nej till erbjuden insats.",
    )
    w.para("Avidentifierade uppgifter om varje beslut finns i rapporten till IVO.")


def write_delegation(w: Writer, r: random.Random, name: str, meeting_date: date) -> None:
    w.para(
        "Förslag till beslut",
        f"{name} har tagit del av redovisningen av delegationsbeslut.",
        "Sammanfattning av ärendet",
    )
    w.para("Följande beslut har fattats med stöd av delegation:")
    start = meeting_date - timedelta(days=40)
    for k in range(r.randint(2, 4)):
        d = start + timedelta(days=7 * k)
        w.para(
            r.choice(["Förvaltningschef", "Enhetschef", f"{name}s ordförande"])
            + f" {d.isoformat()} "
            + r.choice(
                [
                    "Yttrande till förvaltningsrätten",
                    "Beslut om tillfälligt serveringstillstånd",
                    "Avtal om köp av plats i stödboende",
                    "Yttrande till Polismyndigheten",
                ]
            )
        )


def write_anmalningar(w: Writer, r: random.Random, name: str, meeting_date: date, secret: bool) -> list[str]:
    w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
    w.para("Följande ärenden anmäls:")
    y = meeting_date.year
    w.para(f"Begäran om komplettering av ansökan om statsbidrag för insatser mot hemlöshet {y}")
    w.para(f"SN {y}:{r.randint(100, 300)}")
    ks_date = (meeting_date - timedelta(days=r.randint(12, 20))).isoformat()
    para = r.randint(120, 180)
    for k, t in enumerate(r.sample(ANM_TITLES, r.randint(2, 4))):
        w.para(f"§ {para + k} KS {ks_date} {t.format(y=y)} KS/{y}:{r.randint(200, 600):05d}")
    if not secret:
        return []
    a, b = 2100 + r.randint(1, 9), 2110 + r.randint(1, 9)
    lines = [
        f"Rapport {a} avser brister i bemanningen på ett fiktivt HVB-hem för ensamkommande ungdomar under sommaren {y}. Verksamheten har vidtagit åtgärder och en ny schemaläggning har införts.",
        f"Rapport {b} avser en fiktiv händelse där en dokumentation om en placerad ungdom skickades till fel mottagare. Händelsen har utretts och rutinen för utskick har ändrats.",
        "Rapporterna är påhittade och ingår endast i demodata för programmet.",
    ]
    w.para("I sekretessdelen", f"Lex Sarah rapport {a}, {b}", *lines)
    return [f"Lex Sarah rapport {a}, {b}", *lines]
