"""The committees of the demo data set: their template words (letter head, office, chief, chair,
secretary, units), the handläggare who sign the documents and the meeting places."""

from __future__ import annotations

from ..domain import dates as _dates

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
BY_NAME = {c["name"].casefold(): short for short, c in COMMITTEES.items()}

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


def committee_info(committee: str, short: str) -> dict:
    base = COMMITTEES.get(short.upper()) or COMMITTEES.get(BY_NAME.get(committee.casefold(), ""))
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
