"""A demo data set the program generates itself: fictional kallelser in the real 2024 template.

Everything here is invented: names, numbers, reports and the one secret part. The texts follow the
structure of the 2024 kallelse (SEEDS.md §2.2): the cover (``Kallelse till möte för socialnämnden 2024``,
``Tid:``/``Plats:``/``Ordförande:``/``Sekreterare:``), the tab-separated agenda, group-meeting lines, and per
item a handling in one of the three variants:

- **A** ``TJÄNSTESKRIVELSE`` / ``BOTKYRKA`` / ``KOMMUN`` / letter head / ``Dnr:`` / ``NN title`` / sections;
- **B** the same letter head without ``TJÄNSTESKRIVELSE`` after three or more blank lines, with
  ``NN Tjänsteskrivelse`` + title line, ``NN Tjänsteutlåtande - title`` or ``NN title``; often followed by an
  embedded bilaga with a ``DET HÄR ÄR BOTKYRKA`` cover, a table of contents and "Mått" tables;
- **C** the IVO report on non-executed decisions: ``**Referens**`` / name / e-mail / ``Mottagare`` /
  committee / ``NN title``, without Dnr.

Public API::

    generate_meeting(committee, short, meeting_date, seed, n_items=9, ...) -> DemoMeeting
    generate_meeting_text(committee, short, meeting_date, seed, n_items=9, ...) -> str
    generate_demo_texts(today=None, *, committee="Socialnämnden", seed=0) -> list[(file name, text)]
    demo_meetings(today=None, *, committee="Socialnämnden", seed=0) -> list[DemoMeeting]
    write_demo(out_dir, today=None, *, pdf=True) -> list[Path]

Generation is deterministic for the same arguments (``random.Random`` seeded with a string), and each agenda
item draws from its own generator, so a re-issued kallelse (``revision=2``) differs only where intended.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .domain import dates as _dates

# ----------------------------------------------------------------------------------------------------
# Committees

COMMITTEES: dict[str, dict] = {
    "SN": {
        "name": "Socialnämnden",
        "letterhead": "Socialnämnd",
        "office": "Socialförvaltningen",
        "chief": "Socialdirektör Eva Strandberg",
        "chair": "Kerstin Almqvist (S)",
        "secretary": "Maria Hedlund",
        "units": [
            "Utredning barn och unga",
            "Familjehemsenheten",
            "Vuxenenheten",
            "Ekonomiskt bistånd",
            "Mottagningsenheten",
            "Boendeenheten",
            "Stödcentrum mot våld",
        ],
    },
    "UN": {
        "name": "Utbildningsnämnden",
        "letterhead": "Utbildningsnämnd",
        "office": "Utbildningsförvaltningen",
        "chief": "Utbildningsdirektör Anders Holmgren",
        "chair": "Ali Hassan (S)",
        "secretary": "Johanna Ek",
        "units": ["Elevhälsan", "Förskoleavdelningen", "Grundskoleavdelningen", "Gymnasieskolan", "Vuxenutbildningen"],
    },
    "VON": {
        "name": "Vård- och omsorgsnämnden",
        "letterhead": "Vård- och omsorgsnämnd",
        "office": "Vård- och omsorgsförvaltningen",
        "chief": "Vård- och omsorgsdirektör Birgitta Sahlin",
        "chair": "Gunnar Wik (M)",
        "secretary": "Elin Persson",
        "units": ["Hemtjänsten", "Särskilt boende", "LSS-verksamheten", "Biståndsenheten", "Hälso- och sjukvården"],
    },
    "KFN": {
        "name": "Kultur- och fritidsnämnden",
        "letterhead": "Kultur- och fritidsnämnd",
        "office": "Kultur- och fritidsförvaltningen",
        "chief": "Kultur- och fritidsdirektör Leila Karimi",
        "chair": "Sofia Blom (L)",
        "secretary": "David Öhman",
        "units": ["Biblioteken", "Kulturskolan", "Fritidsgårdarna", "Föreningsenheten", "Konsthallen"],
    },
    "KS": {
        "name": "Kommunstyrelsen",
        "letterhead": "Kommunstyrelse",
        "office": "Kommunledningsförvaltningen",
        "chief": "Kommundirektör Stefan Lind",
        "chair": "Helena Rask (S)",
        "secretary": "Anna-Karin Viklund",
        "units": ["Ekonomienheten", "HR-enheten", "Digitaliseringsenheten", "Samhällsplaneringen", "Säkerhetsenheten"],
    },
}
_BY_NAME = {c["name"].casefold(): short for short, c in COMMITTEES.items()}

HANDLAGGARE = [
    "Sara Nyberg",
    "Johan Ekström",
    "Amina Yusuf",
    "Peter Kallio",
    "Lena Dahlberg",
    "Oskar Berglund",
    "Fatima Rahimi",
    "Henrik Sundin",
    "Tove Lindahl",
    "Mikael Aro",
    "Nadia Haddad",
    "Karin Vesterlund",
]
PLACES = [
    "Kommunalhuset i Tumba, sal Hågelby plan 2",
    "Kommunalhuset i Tumba, sal Alby plan 3",
    "Tumba kulturhus, sal Vinterträdgården",
]
MONTHS = list(_dates.MONTHS)


def _committee(committee: str, short: str) -> dict:
    base = COMMITTEES.get(short.upper()) or COMMITTEES.get(_BY_NAME.get(committee.casefold(), ""))
    if base is None:  # an unknown nämnd: derive the template words from its name
        stem = committee[:-2] if committee.endswith("en") else committee
        base = {
            **COMMITTEES["SN"],
            "letterhead": stem,
            "office": stem.replace("nämnd", "förvaltningen"),
            "chief": "Förvaltningschef Jonas Ahl",
            "units": ["Verksamhetsstöd", "Ekonomienheten"],
        }
    return {**base, "name": committee, "short": short.upper()}


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


# ----------------------------------------------------------------------------------------------------
# Topics of beslutsärenden. Placeholders: {n} committee ("Socialnämnden"), {y} year, {y1} next year,
# {amount} kronor, {pct}, {count}, {unit}. Each topic: title, document prefix for variant B, proposal,
# summary, the case text (paragraph pool), economics, child impact, attachments.

_SN_TOPICS = [
    {
        "title": "Ansökan om statsbidrag för att stärka arbetet mot våld i nära relationer {y}",
        "prefix": "Tjänsteutlåtande",
        "proposal": "{n} godkänner ansökan om statsbidrag om {amount} kronor för att stärka arbetet mot våld i nära relationer och stöd till våldsutsatta.",
        "summary": [
            "Socialstyrelsen fördelar statsbidrag till kommuner för att utveckla arbetet mot våld i nära relationer. Förvaltningen föreslår att nämnden ansöker om {amount} kronor för {y}.",
            "Medlen ska användas till att förstärka Stödcentrum mot våld med en socialsekreterare med inriktning på barn som bevittnat våld samt till utbildning av personal i att ställa frågor om våld.",
        ],
        "case": [
            "Under {y0} sökte {count} personer stöd hos Stödcentrum mot våld, en ökning med {pct} procent jämfört med året innan. Majoriteten var kvinnor mellan 25 och 45 år och många hade barn i hushållet.",
            "Våldsutsatta som behöver lämna sitt hem har ofta svårt att hitta ett stadigvarande boende. Förvaltningen vill därför pröva en modell där skyddat boende följs av ett träningsboende med stöd.",
            "Arbetet sker i samverkan med Polisen, hälso- och sjukvården och den ideella kvinno- och tjejjouren. En gemensam handlingsplan för samverkan har tagits fram under året.",
            "Socialstyrelsens villkor innebär att medlen ska redovisas senast den 31 mars {y1} och att outnyttjade medel ska återbetalas.",
        ],
        "economics": "Statsbidraget täcker kostnaderna för insatsen under {y}. Insatsen ryms därefter inom nämndens budgetram.",
        "child": "Barn som lever med våld i familjen får genom insatsen ett eget stöd och en egen kontakt med socialtjänsten. Barnets bästa har beaktats i ärendet.",
        "underlag": ["Tjänsteutlåtande {d} - Ansökan om statsbidrag", "Ansökan till Socialstyrelsen"],
        "send": ["Socialstyrelsen", "Ekonomienheten"],
    },
    {
        "title": "Kompetensförsörjningsplan {y1}-{y4}",
        "prefix": "",
        "proposal": "{n} godkänner kompetensförsörjningsplanen för {y1}–{y4}.",
        "summary": [
            "Förvaltningen har tagit fram en kompetensförsörjningsplan för perioden {y1}–{y4}. Planen beskriver hur förvaltningen ska attrahera, rekrytera, utveckla och behålla medarbetare.",
            "Bristen på erfarna socialsekreterare är den största utmaningen. Personalomsättningen inom myndighetsutövning för barn och unga var {pct} procent under {y0}.",
        ],
        "case": [
            "Planen bygger på en analys av förvaltningens framtida behov. Under perioden väntas {small} medarbetare gå i pension, främst inom ekonomiskt bistånd och vuxenenheten.",
            "Förvaltningen föreslår fyra insatsområden: en tydlig introduktion för nyanställda, karriärvägar för erfarna socialsekreterare, ett strukturerat samarbete med lärosätena och en arbetsmiljö som gör att medarbetare stannar.",
            "Sedan hösten {y0} erbjuds nyexaminerade socialsekreterare ett introduktionsår med mentor och reducerad ärendemängd. Uppföljningen visar att fler stannar efter det första året.",
            "Arbetet följs upp årligen i samband med verksamhetsplanen och redovisas för nämnden i årsredovisningen.",
        ],
        "economics": "Insatserna i planen finansieras inom befintlig budgetram.",
        "child": "Beslutet bedöms inte ha någon direkt påverkan på barn. En stabil personalgrupp ger dock bättre kontinuitet för barn och unga som har kontakt med socialtjänsten.",
        "underlag": ["Tjänsteskrivelse {d} - Kompetensförsörjningsplan", "Kompetensförsörjningsplan {y1}-{y4}"],
        "send": ["HR-enheten", "Kommunstyrelsen"],
    },
    {
        "title": "Riktlinjer för ekonomiskt bistånd {y1}",
        "prefix": "Tjänsteskrivelse",
        "proposal": "{n} antar reviderade riktlinjer för ekonomiskt bistånd att gälla från och med den 1 januari {y1}.",
        "summary": [
            "Riktlinjerna för ekonomiskt bistånd har reviderats med anledning av ändringar i socialtjänstlagen och ny praxis. Riktlinjerna ska vara ett stöd för handläggarnas bedömningar av rätten till försörjningsstöd.",
        ],
        "case": [
            "Under {y0} fick i genomsnitt {count} hushåll försörjningsstöd varje månad. Andelen hushåll med långvarigt biståndsbehov har minskat med {pct} procentenheter.",
            "De viktigaste ändringarna gäller kraven på aktivitet för personer som står nära arbetsmarknaden, bedömningen av skäliga boendekostnader och möjligheten att bevilja bistånd till tandvård.",
            "Förvaltningen har samrått med arbetsmarknadsenheten och med Försäkringskassan om de delar som rör samordning av ersättningar.",
            "Riktlinjerna ersätter de riktlinjer som nämnden antog {y0}. Riktlinjerna ska ses över igen senast {y2}.",
        ],
        "economics": "Förvaltningen bedömer att ändringarna inte påverkar kostnaderna för försörjningsstöd i någon större omfattning.",
        "child": "Barn i familjer med försörjningsstöd berörs direkt. Riktlinjerna tydliggör att barnens behov av fritidsaktiviteter och skolresor ska beaktas vid bedömningen.",
        "underlag": [
            "Tjänsteskrivelse {d} - Riktlinjer för ekonomiskt bistånd",
            "Riktlinjer för ekonomiskt bistånd {y1}",
        ],
        "send": ["Arbetsmarknadsenheten"],
    },
    {
        "title": "Upphandling av familjehemsvård och konsulentstödda familjehem",
        "prefix": "",
        "proposal": "{n} godkänner att förvaltningen genomför en upphandling av konsulentstödd familjehemsvård för barn och unga med ett beräknat värde om {amount} kronor per år.",
        "summary": [
            "Nuvarande avtal om konsulentstödda familjehem löper ut den 31 december {y}. Förvaltningen föreslår en ny upphandling tillsammans med två grannkommuner.",
        ],
        "case": [
            "Den {dd} var {count} barn och unga placerade i familjehem. Av dessa var en tredjedel placerade i konsulentstödda familjehem.",
            "Förvaltningen har under året rekryterat fler egna familjehem genom informationsträffar och en kampanj i sociala medier. Behovet av konsulentstödda familjehem kvarstår för barn med särskilda behov.",
            "I upphandlingen ställs krav på handledning, utbildning av familjehemmen, dygnet runt-beredskap och regelbunden uppföljning av barnets placering.",
            "Placeringar i HVB-hem ska i första hand ersättas med familjehemsplaceringar när det är förenligt med barnets behov.",
        ],
        "economics": "Kostnaden ryms inom nämndens budget för placeringar. Avtal med fasta priser ger bättre förutsägbarhet än dagens ramavtal.",
        "child": "Beslutet påverkar barn och unga som placeras i familjehem. Kraven i upphandlingen syftar till att ge placerade barn trygghet och kontinuitet.",
        "underlag": ["Tjänsteskrivelse {d} - Upphandling av familjehemsvård"],
        "send": ["Upphandlingsenheten"],
    },
    {
        "title": "Handlingsplan mot hemlöshet {y}-{y2}",
        "prefix": "Tjänsteskrivelse",
        "proposal": "{n} antar handlingsplanen mot hemlöshet för {y}–{y2}.",
        "summary": [
            "Antalet hushåll i akut hemlöshet har ökat i kommunen. Handlingsplanen samlar de insatser som nämnden och de kommunala bostadsbolagen ska genomföra.",
        ],
        "case": [
            "Vid den senaste kartläggningen var {count} personer hemlösa, varav en fjärdedel var barnfamiljer. Många bodde tillfälligt hos andra eller på vandrarhem.",
            "Handlingsplanen bygger på principen bostad först. Personer med missbruk och psykisk ohälsa ska kunna få en egen lägenhet med stöd, utan krav på att först genomgå behandling.",
            "Förvaltningen ska tillsammans med bostadsbolaget öka antalet träningslägenheter och förbättra möjligheten att konvertera kommunkontrakt till förstahandskontrakt.",
            "Boskolan för personer som har förlorat sitt boende på grund av hyresskulder fortsätter och utvidgas till att omfatta budget- och skuldrådgivning.",
        ],
        "economics": "Handlingsplanen genomförs inom befintlig ram. Minskade kostnader för akuta boendelösningar bedöms på sikt ge en besparing på omkring {amount} kronor per år.",
        "child": "Barnfamiljer i hemlöshet prioriteras i handlingsplanen. Barn ska inte behöva byta skola på grund av tillfälliga boendelösningar.",
        "underlag": ["Tjänsteskrivelse {d} - Handlingsplan mot hemlöshet", "Handlingsplan mot hemlöshet {y}-{y2}"],
        "send": ["Kommunstyrelsen", "Botkyrkabyggen"],
    },
    {
        "title": "Internkontrollplan {y1}",
        "prefix": "",
        "proposal": "{n} antar internkontrollplan för {y1}.",
        "summary": [
            "Internkontrollplanen beskriver vilka rutiner och processer som ska granskas under {y1}. Planen bygger på en risk- och väsentlighetsanalys.",
        ],
        "case": [
            "Förvaltningen har identifierat {small} risker. Sex av dem bedöms vara så väsentliga att de tas med i planen.",
            "Granskningen omfattar bland annat handläggningstider för utredningar av barn och unga, uppföljning av placeringar, utbetalningar av försörjningsstöd och hanteringen av allmänna handlingar.",
            "Resultatet av granskningen redovisas för nämnden i samband med årsredovisningen.",
        ],
        "economics": "Beslutet medför inga ekonomiska konsekvenser.",
        "child": "Beslutet bedöms inte ha någon direkt påverkan på barn.",
        "underlag": ["Tjänsteskrivelse {d} - Internkontrollplan {y1}", "Internkontrollplan {y1}"],
        "send": ["Kommunstyrelsen", "Revisorerna"],
    },
    {
        "title": "Yttrande över motion om fler familjehem i Botkyrka",
        "prefix": "",
        "proposal": "{n} överlämnar förvaltningens tjänsteskrivelse som sitt yttrande till kommunstyrelsen.",
        "summary": [
            "I en motion föreslås att kommunen ska ta fram en strategi för att rekrytera fler familjehem. Förvaltningen delar motionärens bild av behovet men anser att arbetet redan pågår.",
        ],
        "case": [
            "Sedan {y0} har förvaltningen ett särskilt rekryteringsteam för familjehem. Teamet har genomfört {small} informationsträffar och utrett ett stort antal intresseanmälningar.",
            "Förvaltningen prioriterar att rekrytera familjehem i barnets närområde och inom barnets släkt och nätverk.",
            "Arvoden och omkostnadsersättningar till familjehem följer Sveriges Kommuner och Regioners rekommendationer.",
        ],
        "economics": "Yttrandet medför inga ekonomiska konsekvenser.",
        "child": "Fler familjehem gör att fler barn kan placeras nära sin skola och sitt nätverk.",
        "underlag": ["Tjänsteskrivelse {d} - Yttrande över motion", "Motion om fler familjehem"],
        "send": ["Kommunstyrelsen"],
    },
    {
        "title": "Delårsrapport {t} {y}",
        "prefix": "Tjänsteskrivelse",
        "report": True,
        "proposal": "{n} godkänner delårsrapport {t} för {y} och lämnar den till kommunstyrelsen.",
        "summary": [
            "Nämnden bedömer att verksamheten i huvudsak kommer att uppfylla målen för verksamhetsåret. Risk för avvikelse finns för målen om hemlöshet och om en sund personalomsättning.",
            "Den ekonomiska prognosen visar ett överskott på {mkr} miljoner kronor jämfört med budget, vilket motsvarar en avvikelse på {pct} procent.",
        ],
        "case": [
            "Delårsrapporten innehåller uppföljning och analys av nämndens mål och mått, ekonomisk uppföljning och volymer för perioden 1 januari till {period_end}.",
            "Kostnaderna för placeringar av barn och unga är lägre än budgeterat, främst för att fler barn har kunnat placeras i egna familjehem i stället för i HVB-hem.",
            "Kostnaderna för ekonomiskt bistånd ligger i nivå med budget trots en försvagad arbetsmarknad.",
        ],
        "economics": "Beslutet medför inga ekonomiska konsekvenser.",
        "child": "",
        "underlag": ["Tjänsteskrivelse {d} - Delårsrapport {t} {y}", "Delårsrapport {t} {y} inklusive bilagor"],
        "send": ["Kommunstyrelsen"],
    },
    {
        "title": "Överenskommelse om samverkan mot våldsbejakande extremism och kriminalitet",
        "prefix": "",
        "proposal": "{n} godkänner överenskommelsen om samverkan med Polisen i Botkyrka för {y}–{y1}.",
        "summary": [
            "Kommunen och Polisen har tagit fram en ny överenskommelse om samverkan för att förebygga att unga dras in i kriminalitet.",
        ],
        "case": [
            "Överenskommelsen omfattar sociala insatsgrupper, gemensamma lägesbilder och avhopparverksamhet. Under {y0} deltog {count} unga i sociala insatsgrupper.",
            "Socialtjänsten och Polisen har tagit fram en gemensam rutin för orosanmälningar som rör unga under 18 år.",
        ],
        "economics": "Överenskommelsen medför inga ökade kostnader.",
        "child": "Barn och unga som riskerar att dras in i kriminalitet ska få stöd tidigt. Barnets bästa har varit utgångspunkten i överenskommelsen.",
        "underlag": ["Tjänsteskrivelse {d} - Överenskommelse om samverkan", "Överenskommelse {y}-{y1}"],
        "send": ["Polisen i Botkyrka", "Kommunstyrelsen"],
    },
    {
        "title": "Budgetunderlag {y1} med plan för {y2}-{y3}",
        "prefix": "Tjänsteskrivelse",
        "proposal": "{n} överlämnar budgetunderlaget för {y1} till kommunstyrelsen.",
        "summary": [
            "Förvaltningen har tagit fram ett budgetunderlag som beskriver nämndens behov av medel för {y1}. Underlaget visar ett behov av ytterligare {mkr} miljoner kronor.",
        ],
        "case": [
            "Behovet beror främst på fler placeringar av unga enligt LVU, ökade hyror för kommunkontrakt och högre kostnader för försörjningsstöd.",
            "Förvaltningen föreslår effektiviseringar om {amount} kronor, bland annat genom att minska användningen av inhyrd personal.",
        ],
        "economics": "Budgetunderlaget beskriver nämndens ekonomiska behov. Beslut om budget fattas av kommunfullmäktige.",
        "child": "Budgetunderlaget omfattar insatser för barn och unga. En prioritering av tidiga och förebyggande insatser gynnar barn.",
        "underlag": ["Tjänsteskrivelse {d} - Budgetunderlag {y1}"],
        "send": ["Kommunstyrelsen", "Ekonomienheten"],
    },
]

_GENERIC_TOPICS = {
    "UN": [
        (
            "Plan för elevhälsans arbete {y}-{y1}",
            "elevhälsans förebyggande arbete, skolfrånvaro och psykisk ohälsa bland elever",
        ),
        (
            "Skolskjuts för elever i grundskolan {y1}",
            "regler för skolskjuts, avstånd till skolan och elever med särskilda behov",
        ),
        (
            "Förskoleplatser och platsgaranti {y}",
            "köer till förskolan, nya förskoleavdelningar i Tumba och Alby och platsgarantin",
        ),
        (
            "Resultat i grundskolan läsåret {y0}/{y}",
            "betyg i årskurs 9, behörighet till gymnasiet och skillnader mellan skolor",
        ),
        (
            "Statsbidrag för likvärdig skola {y}",
            "statsbidraget för likvärdig skola om {amount} kronor och hur det fördelas",
        ),
    ],
    "VON": [
        ("Riktlinjer för hemtjänst {y1}", "biståndsbedömning av hemtjänst, trygghetslarm och matdistribution"),
        (
            "Platser i särskilt boende {y}-{y3}",
            "behovet av platser i särskilt boende, demensboende och korttidsplatser",
        ),
        (
            "Uppföljning av LSS-verksamheten {y}",
            "boende med särskild service, daglig verksamhet och personlig assistans",
        ),
        ("Kvalitetsberättelse {y0}", "avvikelser, klagomål och lex Sarah-anmälningar under {y0}"),
        ("Statsbidrag för äldreomsorgslyftet {y}", "statsbidraget om {amount} kronor för att utbilda undersköterskor"),
    ],
    "KFN": [
        ("Föreningsbidrag {y1}", "bidrag till idrottsföreningar och kulturföreningar om totalt {amount} kronor"),
        ("Biblioteksplan {y}-{y3}", "bibliotekens läsfrämjande arbete, öppettider och meröppna bibliotek"),
        ("Fritidsgårdarnas verksamhet {y}", "besöksstatistik, lovaktiviteter och trygghet på fritidsgårdarna"),
        ("Kulturskolans avgifter {y1}", "avgifter, syskonrabatt och köer till kulturskolan"),
        ("Konstnärlig gestaltning i Tumba centrum", "offentlig konst och medborgardialog om Tumba centrum"),
    ],
    "KS": [
        (
            "Mål och budget {y1} med plan för {y2}-{y3}",
            "kommunens budget, skattesats och investeringar om {amount} kronor",
        ),
        ("Detaljplan för bostäder vid Tumba torg", "detaljplan för cirka {count} nya bostäder och en ny förskola"),
        ("Medborgarlöfte {y} med Polisen i Botkyrka", "medborgarlöfte, trygghetsvandringar och samverkan mot brott"),
        ("Upphandlingspolicy för Botkyrka kommun", "upphandling, sociala krav och miljökrav i kommunens avtal"),
        ("Klimatstrategi {y}-{y4}", "utsläpp, energieffektivisering och kommunens fordon"),
    ],
}
_GENERIC_CASE = [
    "Ärendet gäller {topic}. Förvaltningen har gått igenom underlaget och föreslår att nämnden fattar beslut enligt förslaget.",
    "Under {y0} berördes omkring {count} invånare av frågan. Utvecklingen har följts upp i nämndens verksamhetsplan.",
    "Förvaltningen har samrått med berörda verksamheter och med de fackliga organisationerna.",
    "Förslaget bedöms bidra till att nämndens mål för {y} uppfylls. En uppföljning redovisas för nämnden i samband med årsredovisningen.",
    "Kostnaderna beräknas till {amount} kronor och ryms inom nämndens budgetram.",
]

_ANM_TITLES = [
    "Revidering av riktlinjer för intern kontroll",
    "Beslut om ändrad delegationsordning",
    "Uppföljning av kommunens trygghetsarbete",
    "Fördelning av statsbidrag till nämnderna",
    "Firmatecknare {y}",
    "Reviderad attestordning",
    "Ändring av sammanträdesdagar",
    "Riktlinjer för representation och gåvor",
]


# ----------------------------------------------------------------------------------------------------
# Data


@dataclass
class DemoItem:
    ordinal: int
    title: str
    kind: str  # muntlig_information | beslutsarende | anmalningsarenden
    agenda_case: str  # canonical, e.g. 'SN/2024:00317'
    document_case: str | None  # None for the IVO report (variant C)
    variant: str  # 'A' | 'B' | 'C'
    has_bilaga: bool = False


@dataclass
class DemoMeeting:
    committee: str
    short: str
    date: date
    text: str
    items: list[DemoItem]
    revision: int = 1
    secret_lines: list[str] = field(default_factory=list)  # the fictional secret content (for tests)
    meeting_dates_next_year: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        stem = f"kallelse-{self.short}-{self.date.isoformat()}"
        return stem if self.revision == 1 else f"{stem}-reviderad"

    @property
    def header(self) -> str:
        return f"Botkyrka kommun · {self.committee} · {self.date.isoformat()}"


# ----------------------------------------------------------------------------------------------------
# Generation


def _tuesdays(year: int) -> list[date]:
    """One Tuesday per month (no July), in the second half of the month."""
    out = []
    for month in range(1, 13):
        if month == 7:
            continue
        d = date(year, month, 15)
        d += timedelta(days=(1 - d.weekday()) % 7)
        out.append(d)
    return out


class _Writer:
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


def _fmt(s: str, v: dict) -> str:
    return s.format(**v)


def generate_meeting(
    committee: str,
    short: str,
    meeting_date: date,
    seed: int = 0,
    n_items: int = 9,
    *,
    secret: bool = False,
    revision: int = 1,
    bilaga_chapters: int = 2,
    schedule: bool | None = None,
    topics: list[int] | None = None,
) -> DemoMeeting:
    """One fictional kallelse with handlingar.

    ``n_items`` >= 4: information items, beslutsärenden from the committee's topics, for SN/VON an IVO report
    (variant C), a Sammanträdesordning (autumn meetings, or ``schedule=True``) or a delegationsbeslut item,
    and Anmälningsärenden last. ``secret`` adds an ``I sekretessdelen`` part with fictional lex Sarah reports
    at the end of Anmälningsärenden. ``revision=2`` re-issues the same kallelse with one tjänsteskrivelse
    changed (an amount and one inserted paragraph). ``bilaga_chapters`` sets the length of embedded reports.
    ``topics`` chooses the beslutsärenden (indexes into the committee's topic list, used in this order)
    instead of a random draw.
    """
    n_items = max(4, n_items)
    c = _committee(committee, short)
    name, sh, y = c["name"], c["short"], meeting_date.year
    key = f"{sh}|{meeting_date.isoformat()}|{seed}"
    rng = random.Random(key)
    if schedule is None:
        schedule = (meeting_date.month >= 9 and rng.random() < 0.6) or meeting_date.month == 10
    lower = name[0].lower() + name[1:]
    doc_date = meeting_date - timedelta(days=rng.choice([12, 14, 15, 19]))
    w = _Writer()
    used_numbers: set[int] = set()

    def dnr(year: int = y, lo: int = 20, hi: int = 480) -> str:
        while True:
            n = rng.randint(lo, hi)
            if n not in used_numbers:
                used_numbers.add(n)
                return f"{sh}/{year}:{n:05d}"

    # --- the agenda
    plan: list[dict] = []
    plan.append(
        {
            "kind": "muntlig_information",
            "variant": "A",
            "topic": "chief",
            "title": "Förvaltningschefen informerar – muntlig information",
            "case": f"{sh}/{y}:00002",
        }
    )
    used_numbers.add(2)
    units = list(c["units"])
    rng.shuffle(units)
    n_fixed = 2 + (1 if sh in ("SN", "VON") else 0)  # information + ... + anmälningsärenden
    n_info = 2 if n_items >= 8 else 1
    for k in range(n_info - 1):
        unit = units[k % len(units)]
        plan.append(
            {
                "kind": "muntlig_information",
                "variant": "A",
                "topic": "unit",
                "unit": unit,
                "title": f"Information om {c['office'].lower()}s verksamheter: {unit} – muntlig information",
                "case": dnr(),
            }
        )
    pool = list(_SN_TOPICS) if sh == "SN" else [None] * len(_GENERIC_TOPICS.get(sh, _GENERIC_TOPICS["KS"]))
    order = list(range(len(pool)))
    rng.shuffle(order)
    if topics:
        order = [t % len(order) for t in topics] + [t for t in order if t not in {x % len(order) for x in topics}]
    n_decisions = n_items - len(plan) - n_fixed
    for k in range(n_decisions):
        ti = order[k % len(order)]
        variant = "B" if k % 3 != 2 else "A"
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": variant,
                "topic": ti,
                "round": k // len(order),
                "case": dnr(),
                "bilaga": bilaga_chapters > 2 and k % 2 == 0,
            }
        )
    if sh in ("SN", "VON"):
        q = (meeting_date.month - 1) // 3 or 4
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": "C",
                "topic": "ivo",
                "q": q,
                "title": f"Sammanställning av ej verkställda beslut kvartal {q}",
                "case": dnr(),
            }
        )
    if schedule:
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": "A",
                "topic": "schedule",
                "title": f"Sammanträdesordning för {lower} {y + 1}",
                "case": dnr(),
            }
        )
    else:
        plan.append(
            {
                "kind": "delegationsbeslut",
                "variant": "A",
                "topic": "delegation",
                "title": f"Anmälan av delegationsbeslut {y}",
                "case": dnr(),
            }
        )
    plan.append(
        {
            "kind": "anmalningsarenden",
            "variant": "A",
            "topic": "anm",
            "title": "Anmälningsärenden",
            "case": dnr(year=y - 1 if rng.random() < 0.3 else y, lo=1, hi=20),
        }
    )

    # titles of beslutsärenden (need the topic values)
    values_base = {
        "n": name,
        "y": y,
        "y0": y - 1,
        "y1": y + 1,
        "y2": y + 2,
        "y3": y + 3,
        "y4": y + 4,
        "t": 1 if meeting_date.month < 9 else 2,
        "d": doc_date.isoformat(),
        "period_end": "30 april" if meeting_date.month < 9 else "31 augusti",
        "dd": f"{rng.randint(1, 28)} {MONTHS[(meeting_date.month - 2) % 12]}",
    }
    item_rngs = [random.Random(f"{key}|{i}") for i in range(len(plan))]
    for i, p in enumerate(plan):
        r = item_rngs[i]
        amount = r.randrange(180, 2400) * 1000 if p["topic"] != "ivo" else 0
        v = dict(
            values_base,
            amount=_kr(amount),
            count=r.randint(12, 640),
            small=r.randint(6, 28),
            pct=r.randint(3, 24),
            mkr=f"{r.randint(3, 45)},{r.randint(0, 9)}",
            unit=p.get("unit", ""),
        )
        p["values"] = v
        if p["kind"] == "beslutsarende" and isinstance(p["topic"], int):
            if sh == "SN":
                p["spec"] = _SN_TOPICS[p["topic"]]
            else:
                title, topic = _GENERIC_TOPICS.get(sh, _GENERIC_TOPICS["KS"])[p["topic"]]
                p["spec"] = _generic_spec(title, topic, r)
            title = _fmt(p["spec"]["title"], v)
            if p.get("round"):
                title = f"{title} – del {p['round'] + 1}"
            p["title"] = title

    # embedded bilagor: the report topic if there is one, else the first decision with an attached document
    if decisions_with_specs := [p for p in plan if "spec" in p]:
        first = next(
            (p for p in decisions_with_specs if p["spec"].get("report")),
            next((p for p in decisions_with_specs if len(p["spec"]["underlag"]) > 1), decisions_with_specs[0]),
        )
        first["bilaga"] = True

    # the document a re-issued kallelse changes: preferably one whose proposal names an amount
    decisions = [i for i, p in enumerate(plan) if "spec" in p]
    revised_item = next(
        (
            i
            for field in ("proposal", "economics", "case")
            for i in decisions
            if "{amount}" in str(plan[i]["spec"][field])
        ),
        decisions[0] if decisions else None,
    )
    if revision > 1 and revised_item is not None:
        v = plan[revised_item]["values"]
        r = random.Random(f"{key}|revision{revision}")  # not the item's generator: nothing else may change
        old = int(v["amount"].replace(" ", ""))
        v["amount"] = _kr(max(50_000, old + r.choice([-1, 1]) * r.randrange(20, 120) * 1000))

    # agenda dnr may differ from the document's (as in the real files), and be printed with a space
    for i, p in enumerate(plan):
        p["doc_case"] = p["case"]
        if p["variant"] == "C":
            p["doc_case"] = None
        elif i == 1 and rng.random() < 0.5:
            p["doc_case"] = dnr()

    # --- cover and agenda
    w.raw("", "", "", "")
    w.para(f"Kallelse till möte för {lower} {y}")
    w.para(f"Tid: {meeting_date.isoformat()}, Kl: 18:00")
    w.para(f"Plats: {rng.choice(PLACES)}")
    w.para(f"Ordförande: {c['chair']}")
    w.para(f"Sekreterare: {c['secretary']}")
    w.raw("\tÄrenden\t")
    for i, p in enumerate(plan, start=1):
        case = p["case"]
        if rng.random() < 0.15:
            case = case.replace(":", ": ")
        w.raw(f"{i}.\t{p['title']}\t{case}")
    w.raw("")
    place = rng.choice(["Sal Hågelby plan 2", "Sal Alby plan 3", "Styrelserummet"])
    w.para(f"Majoritetsgruppen träffas kl. 17:30 i Kommunalhuset, {place}")
    w.para("Oppositionsgruppen träffas kl. 17:15 i Kommunalhuset, Styrelserummet")

    # --- handlingar
    items: list[DemoItem] = []
    secret_lines: list[str] = []
    schedule_dates: list[str] = []
    for i, p in enumerate(plan, start=1):
        r = item_rngs[i - 1]
        v = p["values"]
        nn = f"{i:02d}"
        author = r.choice(HANDLAGGARE) if p["topic"] not in ("chief", "anm", "schedule") else c["secretary"]
        if p["variant"] == "A":
            w.raw("TJÄNSTESKRIVELSE", "")
            if p["topic"] != "anm" or r.random() < 0.5:
                w.raw("BOTKYRKA", "KOMMUN")
            w.blanks(3)
        elif p["variant"] == "B":
            w.blanks(r.choice([3, 3, 4]))
        if p["variant"] in "AB":
            w.para(c["letterhead"])
            date_line = (
                doc_date.isoformat() if p["variant"] == "A" else r.choice(["Datum:", doc_date.isoformat(), None])
            )
            if date_line:
                w.para(date_line)
            w.para(c["office"])
            if p["topic"] not in ("anm", "schedule", "delegation"):
                w.para(f"Kod: {r.randint(1, 3)}.{r.randint(1, 7)}.{r.randint(0, 6)}.{r.randint(1, 2)}")
            w.para(author, f"Dnr: {p['doc_case']}")
            prefix = p.get("spec", {}).get("prefix", "") if p["variant"] == "B" else ""
            if prefix == "Tjänsteskrivelse":
                w.para(f"{nn} Tjänsteskrivelse", p["title"])
            elif prefix:
                w.para(f"{nn} {prefix} - {p['title']}")
            else:
                w.para(f"{nn} {p['title'].replace(' – ', ' - ')}")
        else:  # C: IVO report
            w.blanks(3)
            contact = r.choice(HANDLAGGARE)
            w.raw(
                "**Referens**",
                "",
                contact,
                f"{contact.split()[0].lower()}.{contact.split()[-1].lower()}@botkyrka.se",
                "",
                "Mottagare",
                "",
                name,
                "",
            )
            w.para(f"{nn} {p['title']} {y}")

        topic = p["topic"]
        if topic == "chief":
            w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
            w.para(
                f"{c['chief']} informerar om aktuella frågor, bland annat läget i verksamheterna, rekryteringar och arbetsmiljön."
            )
        elif topic == "unit":
            w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
            w.para(
                f"Enhetschef {r.choice(HANDLAGGARE)} informerar om verksamheten inom {p['unit'].lower()}: uppdrag, arbetssätt och aktuella utmaningar."
            )
        elif topic == "ivo":
            _ivo(w, r, name, p["q"], y)
        elif topic == "schedule":
            dates = _tuesdays(y + 1)
            schedule_dates = [d.isoformat() for d in dates]
            w.para(
                "Förslag till beslut", f"{name} godkänner datum för sammanträden {y + 1}", "Sammanfattning av ärendet"
            )
            w.para(f"{name}s sammanträden {y + 1} föreslås äga rum följande datum:")
            first = [f"{d.day} {MONTHS[d.month - 1]}" for d in dates if d.month <= 6]
            second = [f"{d.day} {MONTHS[d.month - 1]}" for d in dates if d.month > 6]
            w.para(", ".join(first[:-1]) + " och " + first[-1], ", ".join(second[:-1]) + " och " + second[-1] + ".")
            w.para("Sammanträdena börjar klockan 18.00 om inget annat anges i kallelsen.")
        elif topic == "delegation":
            _delegation(w, r, name, meeting_date)
        elif topic == "anm":
            secret_lines = _anmalningar(w, r, name, meeting_date, secret)
        else:
            _decision(w, r, p["spec"], v, name, revised=(revision > 1 and i - 1 == revised_item))
            if p.get("bilaga"):
                _bilaga(w, r, p, v, name, chapters=bilaga_chapters)
        items.append(DemoItem(i, p["title"], p["kind"], p["case"], p["doc_case"], p["variant"], bool(p.get("bilaga"))))
    return DemoMeeting(name, sh, meeting_date, w.text(), items, revision, secret_lines, schedule_dates)


def generate_meeting_text(committee: str, short: str, meeting_date: date, seed: int = 0, n_items: int = 9, **kw) -> str:
    """The text of :func:`generate_meeting` (same arguments)."""
    return generate_meeting(committee, short, meeting_date, seed, n_items, **kw).text


def _generic_spec(title: str, topic: str, r: random.Random) -> dict:
    return {
        "title": title,
        "prefix": r.choice(["", "Tjänsteskrivelse", "Tjänsteutlåtande"]),
        "proposal": "{n} godkänner förvaltningens förslag om " + topic.split(",")[0] + ".",
        "summary": ["Förvaltningen har utrett " + topic + ". Förslaget beskrivs i tjänsteskrivelsen."],
        "case": [s.replace("{topic}", topic) for s in _GENERIC_CASE],
        "economics": "Beslutet ryms inom nämndens budgetram.",
        "child": "Barnets bästa har beaktats. Beslutet bedöms inte ha någon negativ påverkan på barn.",
        "underlag": ["Tjänsteskrivelse {d}"],
        "send": ["Kommunstyrelsen"],
    }


_REVISION_PARAGRAPH = (
    "Efter att kallelsen skickades ut har förvaltningen fått nya uppgifter om kostnaderna. Beloppet har därför "
    "justerats till {amount} kronor och underlaget har kompletterats med en beskrivning av hur medlen ska följas upp."
)


def _decision(w: _Writer, r: random.Random, spec: dict, v: dict, name: str, revised: bool) -> None:
    f = lambda s: _fmt(s, v)  # noqa: E731
    w.para("Förslag till beslut", f(spec["proposal"]), "Sammanfattning av ärendet")
    w.para(*[f(s) for s in spec["summary"]])
    w.para("Ärendet")
    case = [f(s) for s in spec["case"]]
    k = max(2, len(case) - r.randint(0, 1))
    paras = case[:k]
    if revised:
        paras.insert(1, _REVISION_PARAGRAPH.format(**v))
    w.para(*paras)
    w.para("Ekonomiska konsekvenser", f(spec["economics"]))
    if spec.get("child"):
        w.para("Barnkonsekvensanalys", f(spec["child"]))
    w.para("Underlag för beslut")
    w.raw(*[f"- {f(u)}" for u in spec["underlag"]], "")
    w.para("Skickas till", *[f(s) for s in spec["send"]])


_MATT = [
    ("Andel hushåll med ekonomiskt bistånd som avslutas till arbete eller studier", "%"),
    ("Andel placerade barn som har en aktuell vårdplan", "%"),
    ("Andel utredningar av barn och unga som avslutas inom fyra månader", "%"),
    ("Antal hushåll i akut hemlöshet", ""),
    ("Andel familjehemsplacerade barn som placeras i sitt närområde", "%"),
    ("Andel våldsutsatta som erbjuds stödsamtal inom två veckor", "%"),
    ("Personalomsättning bland socialsekreterare", "%"),
    ("Antal personer som deltar i boskolan", ""),
]
_REPORT_PARAS = [
    "Verksamheten har under perioden arbetat med att korta handläggningstiderna. Utfallet visar en förbättring jämfört med föregående period men målvärdet har ännu inte nåtts.",
    "Nämnden bedömer att målet i huvudsak kommer att uppnås. Bedömningen grundas på verksamheternas redogörelser och utfallet för målets mått.",
    "Risk för avvikelse finns för målet om hemlöshet. Det beror främst på att få kommunkontrakt har kunnat konverteras till förstahandskontrakt.",
    "Arbetet med att rekrytera egna familjehem har gett resultat. Fler barn kan placeras nära sin skola och sitt nätverk, vilket minskar behovet av placeringar i HVB-hem.",
    "Samverkan med skolan och elevhälsan har stärkts genom gemensamma rutiner för orosanmälningar och regelbundna samverkansmöten.",
    "Den ekonomiska prognosen visar ett överskott som främst beror på lägre kostnader för externa placeringar och vakanta tjänster.",
    "Väntetiden till en första kontakt med mottagningsenheten har minskat. Fler ärenden avslutas med råd och stöd utan att en utredning behöver inledas.",
    "Andelen barn som placeras akut har minskat sedan förvaltningen införde ett förstärkt stöd i hemmet för familjer med tonåringar.",
    "Antalet hushåll med försörjningsstöd har ökat något under perioden. Ökningen gäller främst hushåll där någon har förlorat sin anställning.",
    "Verksamheten har infört digitala ansökningar om ekonomiskt bistånd. Omkring hälften av alla ansökningar görs nu digitalt.",
    "Sjukfrånvaron bland medarbetarna har minskat men är fortsatt hög inom myndighetsutövningen för barn och unga.",
    "Stödcentrum mot våld har utökat sina öppettider och erbjuder nu samtal även på kvällstid en gång i veckan.",
]


def _bilaga(w: _Writer, r: random.Random, p: dict, v: dict, name: str, chapters: int) -> None:
    w.para("DET HÄR ÄR BOTKYRKA")
    if p["spec"].get("report"):
        w.para(f"Delårsrapport {v['t']}", f"Tertial {v['t']} {v['y']}", name)
    else:
        underlag = p["spec"]["underlag"]
        w.para(_fmt(underlag[-1], v) if len(underlag) > 1 else p["title"], "Bilaga till tjänsteskrivelse", name)
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
        w.para(*r.sample(_REPORT_PARAS, 3))
        for _ in range(2):
            label, unit = r.choice(_MATT)
            w.raw(f"Mått\tUtfall {v['y'] - 2}\tUtfall {v['y0']}\tMål {v['y']}\tUtfall {v['y']}")
            vals = [r.randint(10, 95) for _ in range(4)]
            w.raw(f"{label}\t" + "\t".join(f"{x} {unit}".strip() for x in vals))
            w.para(f"Analys\t{r.choice(_REPORT_PARAS)}")
        w.para(*r.sample(_REPORT_PARAS, 2))


def _ivo(w: _Writer, r: random.Random, name: str, q: int, y: int) -> None:
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


def _delegation(w: _Writer, r: random.Random, name: str, meeting_date: date) -> None:
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


def _anmalningar(w: _Writer, r: random.Random, name: str, meeting_date: date, secret: bool) -> list[str]:
    w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
    w.para("Följande ärenden anmäls:")
    y = meeting_date.year
    w.para(f"Begäran om komplettering av ansökan om statsbidrag för insatser mot hemlöshet {y}")
    w.para(f"SN {y}:{r.randint(100, 300)}")
    ks_date = (meeting_date - timedelta(days=r.randint(12, 20))).isoformat()
    para = r.randint(120, 180)
    for k, t in enumerate(r.sample(_ANM_TITLES, r.randint(2, 4))):
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


# ----------------------------------------------------------------------------------------------------
# The demo data set


def demo_meetings(today: date | None = None, *, committee: str = "Socialnämnden", seed: int = 0) -> list[DemoMeeting]:
    """Four meetings around ``today`` (two past, two upcoming) and a re-issued version of the next one.

    The most recent past meeting carries the fictional secret part. Order: by date, v1 before v2.
    """
    today = today or date.today()
    short = _BY_NAME.get(committee.casefold(), "".join(w[0] for w in committee.split()).upper()[:3] or "SN")
    schedule = [d for year in (today.year - 1, today.year, today.year + 1) for d in _tuesdays(year)]
    past = [d for d in schedule if d < today][-2:]
    dates = past + [d for d in schedule if d > today][:2]  # a meeting on ``today`` itself is skipped
    out: list[DemoMeeting] = []
    # every topic of the committee appears somewhere in the set (search tests rely on the subjects)
    n_topics = len(_SN_TOPICS) if short == "SN" else len(_GENERIC_TOPICS.get(short, _GENERIC_TOPICS["KS"]))
    shift = seed % n_topics
    plans = [[(shift + t) % n_topics for t in ts] for ts in ([7, 2, 3, 4], [5, 6, 1], [0, 8, 9, 2], [4, 1, 3])]
    for k, d in enumerate(dates):
        kw = {"n_items": (9, 8, 9, 7)[k], "secret": (k == 1), "schedule": (k == 2), "topics": plans[k]}
        out.append(generate_meeting(committee, short, d, seed + k, **kw))
        if k == 2:
            out.append(generate_meeting(committee, short, d, seed + k, revision=2, **kw))
    return out


def generate_demo_texts(
    today: date | None = None, *, committee: str = "Socialnämnden", seed: int = 0
) -> list[tuple[str, str]]:
    """(file name, text) of the demo kallelser, v1 before v2; file names end in ``.txt``."""
    return [(m.file_stem + ".txt", m.text) for m in demo_meetings(today, committee=committee, seed=seed)]


def write_demo(
    out_dir: Path, today: date | None = None, *, pdf: bool = True, committee: str = "Socialnämnden", seed: int = 0
) -> list[Path]:
    """Write the demo kallelser into ``out_dir`` as PDFs (via :mod:`.importing.pdfbuild`) or text files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for m in demo_meetings(today, committee=committee, seed=seed):
        if pdf:
            from .importing.pdfbuild import build_pdf

            path = out_dir / f"{m.file_stem}.pdf"
            build_pdf(m.text, path, header=m.header, title=f"Kallelse {m.committee} {m.date.isoformat()}")
        else:
            path = out_dir / f"{m.file_stem}.txt"
            path.write_text(m.text, encoding="utf-8")
        paths.append(path)
    return paths
