"""The texts of the demo data set, all invented: the topics of beslutsärenden, the generic case text of
the other committees, the titles of anmälningsärenden, the paragraphs and measures of embedded reports and the
paragraph a re-issued kallelse inserts."""

from __future__ import annotations

import random

# Topics of beslutsärenden. Placeholders: {n} committee ("Socialnämnden"), {y} year, {y1} next year,
# {amount} kronor, {pct}, {count}, {unit}. Each topic: title, document prefix for variant B, proposal,
# summary, the case text (paragraph pool), economics, child impact, attachments.

SN_TOPICS = [
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

GENERIC_TOPICS = {
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
GENERIC_CASE = [
    "Ärendet gäller {topic}. Förvaltningen har gått igenom underlaget och föreslår att nämnden fattar beslut enligt förslaget.",
    "Under {y0} berördes omkring {count} invånare av frågan. Utvecklingen har följts upp i nämndens verksamhetsplan.",
    "Förvaltningen har samrått med berörda verksamheter och med de fackliga organisationerna.",
    "Förslaget bedöms bidra till att nämndens mål för {y} uppfylls. En uppföljning redovisas för nämnden i samband med årsredovisningen.",
    "Kostnaderna beräknas till {amount} kronor och ryms inom nämndens budgetram.",
]

ANM_TITLES = [
    "Revidering av riktlinjer för intern kontroll",
    "Beslut om ändrad delegationsordning",
    "Uppföljning av kommunens trygghetsarbete",
    "Fördelning av statsbidrag till nämnderna",
    "Firmatecknare {y}",
    "Reviderad attestordning",
    "Ändring av sammanträdesdagar",
    "Riktlinjer för representation och gåvor",
]


def generic_spec(title: str, topic: str, r: random.Random) -> dict:
    return {
        "title": title,
        "prefix": r.choice(["", "Tjänsteskrivelse", "Tjänsteutlåtande"]),
        "proposal": "{n} godkänner förvaltningens förslag om " + topic.split(",")[0] + ".",
        "summary": ["Förvaltningen har utrett " + topic + ". Förslaget beskrivs i tjänsteskrivelsen."],
        "case": [s.replace("{topic}", topic) for s in GENERIC_CASE],
        "economics": "Beslutet ryms inom nämndens budgetram.",
        "child": "Barnets bästa har beaktats. Beslutet bedöms inte ha någon negativ påverkan på barn.",
        "underlag": ["Tjänsteskrivelse {d}"],
        "send": ["Kommunstyrelsen"],
    }


REVISION_PARAGRAPH = (
    "Efter att kallelsen skickades ut har förvaltningen fått nya uppgifter om kostnaderna. Beloppet har därför "
    "justerats till {amount} kronor och underlaget har kompletterats med en beskrivning av hur medlen ska följas upp."
)


MATT = [
    ("Andel hushåll med ekonomiskt bistånd som avslutas till arbete eller studier", "%"),
    ("Andel placerade barn som har en aktuell vårdplan", "%"),
    ("Andel utredningar av barn och unga som avslutas inom fyra månader", "%"),
    ("Antal hushåll i akut hemlöshet", ""),
    ("Andel familjehemsplacerade barn som placeras i sitt närområde", "%"),
    ("Andel våldsutsatta som erbjuds stödsamtal inom två veckor", "%"),
    ("Personalomsättning bland socialsekreterare", "%"),
    ("Antal personer som deltar i boskolan", ""),
]
REPORT_PARAS = [
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
