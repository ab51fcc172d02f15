"""The words kallelser share across kommuner and templates, as data (OCR-folded: lower case, å/ä -> a,
ö -> o). The stages match lines against these; a new template usually means a new word here, not code."""

from __future__ import annotations

import re

# headings that open the agenda
AGENDA_HEADINGS = re.compile(
    r"^(?:\d+\s+)?(?:arenden|arendelista|arendeforteckning|dagordning|foredragningslista|forslag till dagordning|"
    r"forslag till foredragningslista|kallade ledamoter|behandlade arenden|arendelista med forslag)\s*:?$"
)
# a table's header cells: the title column and the others
TABLE_TITLE_COLUMN = re.compile(r"^(?:arende|arenden|arendemening|rubrik|arendets rubrik|punkt|arendebeskrivning)$")
TABLE_OTHER_COLUMNS = {
    "case": re.compile(r"^(?:beteckning|dnr|diarienummer|diarienr|arendenummer|dnr/beteckning)\.?$"),
    "proposal": re.compile(r"^(?:forslag|forslag till beslut|forslag/beslut|beslutsforslag)$"),
    "presenter": re.compile(r"^(?:foredragande|foredragare|ansvarig|presentation|foredras av)$"),
    "time": re.compile(r"^(?:tid|klockan|kl\.?|tidsatgang|beraknad tid)$"),
    "number": re.compile(r"^(?:nr|nr\.|§|punkt nr|ordning)$"),
    "note": re.compile(r"^(?:kommentar|anmarkning|notering|handling|bilagor?)$"),
}

# section headings inside an agenda: kept as the group of the items that follow
SECTION_HEADINGS = re.compile(
    r"^(?:forts\.?\s+)?(?:beslutsarenden?|informationsarenden?|information|anmalningsarenden|delgivningsarenden|"
    r"delegationsarenden|sekretessarenden|ovriga arenden|arenden for beslut|arenden for kannedom|arenden for information|"
    r"beslutas av [\w\- ]+|for beslut|for kannedom|for information|diskussionsarenden|valarenden|oppet sammantrade|"
    r"slutet sammantrade|stangt sammantrade|senare utskick|extra arenden|tillkommande arenden|personalarenden|"
    r"overlaggning|arenden med sekretess|sekretessbelagda arenden|enskilda arenden|individarenden|"
    r"myndighetsutovning|ovrigt|information och diskussion|informations- och diskussionsarenden)\s*:?$"
)
# rows without a number that are items of their own
PROCEDURAL = re.compile(
    r"^(?:justering(?: av protokoll(?:et)?)?|val av justerare(?: och tid for justering)?|val av (?:en )?justerande|"
    r"val av protokollsjusterare|justerare|upprop|motets oppnande|sammantradets oppnande|oppnande|mote(?:t)? oppnas|"
    r"godkannande av (?:dagordning(?:en)?|foredragningslista(?:n)?|arendelista(?:n)?)|"
    r"faststallande av (?:dagordning(?:en)?|foredragningslista(?:n)?|arendelista(?:n)?)|"
    r"anmalan av jav|jav|avslutning|motet avslutas|motets avslutande|tid och plats for justering)\b"
)
UNNUMBERED_ITEM = re.compile(
    r"(?:\binformerar\b|^information fran\b|^information om\b|^ovriga fragor\b|^ovrigt\b|^meddelanden\b|"
    r"^forandring av arendelista\b|^extra arenden?\b|^anmalan av extra arenden\b|^aktuellt\b|^fragestund\b|"
    r"^medborgardialog\b|^allmanhetens fragestund\b)"
)
BREAK = re.compile(r"^(?:rast|paus|lunch|lunchpaus|fika|kaffe|kaffepaus|bensträckare)\b")

# a row marked secret (the whole item is under sekretess)
SECRET_ROW = re.compile(
    r"(?:^sekretessarenden?\b|^sekretess\b|^enskil[dt]a? arenden?\b|^individarende\b|\bomfattas av sekretess\b|"
    r"redovisas inte med hanvisning till sekretess|\bsekretessbelag[dt]\b|\(sekretess\)|^arende med sekretess|"
    r"\bosl\s+26\s*kap)"
)
SECRET_SECTION = re.compile(
    r"^(?:sekretessarenden|arenden med sekretess|sekretessbelagda arenden|enskilda arenden|individarenden)\b"
)

# a proposal cell that holds no proposal (a heading alone, a dash, "delas ut senare")
EMPTY_PROPOSAL = re.compile(r"^(?:-+|–|—|\.|(?:[\w\-]+s\s+)?forslag(?: till beslut)?(?:\s+i\s+[\w\- ]+)?\s*:?|)$")
PROPOSAL_LATER = re.compile(
    r"(?:delas ut|skickas ut|kommer|skickas|lamnas)\s+(?:senare|pa sammantradet|vid sammantradet)"
)
# "Förslag till beslut", "Barn- och utbildningsnämndens förslag till beslut", "Kommunledningsutskottets förslag till
# kommunstyrelsen", "Arbetsutskottets förslag till beslut", "Ordförandens förslag"
PROPOSAL_HEADING = re.compile(
    r"^(?:[\w\-]+(?:\s+och\s+[\w\-]+)?s\s+)?(?:forslag|forlag|fbrslag)"
    r"(?:\s+till\s+(?:beslut|kommunstyrelsen|kommunfullmaktige|[\w\-]+namnden|[\w\-]+styrelsen|[\w\-]+utskottet))?"
    r"(?:\s+i\s+(?:kommunstyrelsen|kommunfullmaktige|[\w\-]+namnden|[\w\-]+styrelsen|[\w\-]+utskottet))?\s*:?$"
)
PRESENTER = re.compile(
    r"^(?:foredragande|foredragare|foredras av|presenteras av|presentatorer?|ansvarig)\s*:?\s*(?P<rest>.*)$"
)

# lines that close the agenda list (what follows a kallelse's agenda)
AFTER_AGENDA = re.compile(
    r"^(?:valkomna|valkommen|varmt valkomna|anmal (?:eventuellt )?(?:forhinder|franvaro)|meddela (?:garna )?(?:forhinder|franvaro)|"
    r"forhinder anmals|vanligen meddela|var vanlig och meddela|var vinlig|kallade|ledamoter|ersattare|"
    r"handlingar(?:na)? (?:finns|publiceras|skickas)|observera|ovriga deltagare|tjanstgorande)"
)
