"""The synthetic material the demo generator draws from: places, names by origin, texts.

Invented for trying the program out; any likeness to real people is chance."""

from __future__ import annotations

from dataclasses import dataclass

MUNICIPALITIES = ("Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar")
POSTCODES = {
    "Siegburg": "53721",
    "Troisdorf": "53840",
    "Hennef (Sieg)": "53773",
    "Sankt Augustin": "53757",
    "Lohmar": "53797",
}
STREETS = (
    "Kaiserstraße",
    "Bahnhofstraße",
    "Lindenallee",
    "Am Mühlengraben",
    "Siegstraße",
    "Frankfurter Straße",
    "Kölner Straße",
    "Wilhelmstraße",
    "Auf dem Kamp",
    "Ringstraße",
)


@dataclass(frozen=True)
class Origin:
    nationality: str
    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    languages: tuple[str, ...]
    statuses: tuple[str, ...]


ORIGINS = (
    Origin(
        "SY",
        18,
        ("Amina", "Fatima", "Layla", "Nour", "Rasha", "Hala"),
        ("Ahmad", "Mohammed", "Khaled", "Omar", "Yousef", "Bassel"),
        ("Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Darwish"),
        ("ar", "ku"),
        ("humanitarian", "asylum_procedure", "settlement", "family_reunification"),
    ),
    Origin(
        "UA",
        18,
        ("Olena", "Iryna", "Kateryna", "Oksana", "Nataliia", "Yuliia"),
        ("Oleksandr", "Dmytro", "Andrii", "Serhii", "Mykola", "Taras"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk"),
        ("uk", "ru"),
        ("temporary_protection",),
    ),
    Origin(
        "AF",
        12,
        ("Zahra", "Maryam", "Farzana", "Shabnam", "Parwana"),
        ("Farid", "Hamid", "Jawad", "Sayed", "Wahid"),
        ("Rahimi", "Karimi", "Ahmadi", "Hashimi", "Noori", "Sultani"),
        ("fa", "ps"),
        ("asylum_procedure", "toleration", "humanitarian"),
    ),
    Origin(
        "TR",
        10,
        ("Ayşe", "Elif", "Zeynep", "Emine", "Gülşen"),
        ("Mehmet", "Mustafa", "Emre", "Hüseyin", "Barış"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"),
        ("tr", "ku"),
        ("asylum_procedure", "work_study", "settlement", "family_reunification"),
    ),
    Origin(
        "IQ",
        8,
        ("Berivan", "Rojda", "Shirin", "Nisrin"),
        ("Azad", "Dilshad", "Sherzad", "Karwan"),
        ("Mahmoud", "Saleh", "Ibrahim", "Hussein", "Rasul"),
        ("ku", "ar"),
        ("toleration", "humanitarian", "asylum_procedure"),
    ),
    Origin(
        "ER",
        6,
        ("Selam", "Luwam", "Senait", "Helen"),
        ("Yonas", "Dawit", "Tesfay", "Samuel"),
        ("Tesfamariam", "Gebremedhin", "Haile", "Kidane"),
        ("ti", "en"),
        ("humanitarian", "family_reunification"),
    ),
    Origin(
        "PL",
        5,
        ("Agnieszka", "Katarzyna", "Małgorzata", "Joanna"),
        ("Piotr", "Krzysztof", "Tomasz", "Paweł"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Zieliński"),
        ("pl",),
        ("eu_free_movement",),
    ),
    Origin(
        "RO",
        5,
        ("Ioana", "Elena", "Andreea", "Mihaela"),
        ("Andrei", "Ionuț", "Florin", "Gheorghe"),
        ("Popescu", "Ionescu", "Stoica", "Munteanu"),
        ("ro",),
        ("eu_free_movement",),
    ),
    Origin(
        "BG",
        3,
        ("Desislava", "Milena", "Radka"),
        ("Georgi", "Stoyan", "Ivaylo"),
        ("Dimitrov", "Georgiev", "Petrova", "Ivanov"),
        ("bg", "tr"),
        ("eu_free_movement",),
    ),
    Origin(
        "NG",
        4,
        ("Chioma", "Ngozi", "Adaeze", "Funmilayo"),
        ("Chinedu", "Emeka", "Oluwaseun", "Tunde"),
        ("Okafor", "Adeyemi", "Okonkwo", "Eze"),
        ("en", "yo", "ig"),
        ("asylum_procedure", "toleration", "work_study"),
    ),
    Origin(
        "GN",
        3,
        ("Fatoumata", "Aissatou", "Mariama"),
        ("Mamadou", "Alpha", "Ibrahima"),
        ("Diallo", "Barry", "Camara", "Bah"),
        ("fr", "ff"),
        ("toleration", "asylum_procedure"),
    ),
    Origin(
        "SO",
        3,
        ("Hodan", "Amran", "Sagal"),
        ("Abdirahman", "Abdullahi", "Mahad"),
        ("Warsame", "Farah", "Jama", "Osman"),
        ("so", "ar"),
        ("humanitarian", "toleration"),
    ),
    Origin(
        "RU",
        3,
        ("Svetlana", "Anastasia", "Tatiana"),
        ("Aleksei", "Sergei", "Pavel"),
        ("Ivanova", "Smirnov", "Kuznetsova", "Popov"),
        ("ru",),
        ("asylum_procedure", "humanitarian", "family_reunification"),
    ),
    Origin(
        "stateless",
        2,
        ("Rim", "Salma"),
        ("Hassan", "Mahmud"),
        ("Abu Khalil", "Odeh"),
        ("ar",),
        ("humanitarian", "toleration"),
    ),
)

GAP_TEXTS = (
    (
        "language",
        "Keine Kinderbetreuung während der Integrationskurse",
        "Mütter mit Kleinkindern können die Integrationskurse vormittags nicht besuchen, weil "
        "kursbegleitende Kinderbetreuung fehlt.",
    ),
    (
        "housing",
        "Kaum bezahlbarer Wohnraum für große Familien",
        "Für Familien mit fünf und mehr Personen gibt es innerhalb der Mietobergrenzen praktisch "
        "keine freien Wohnungen.",
    ),
    (
        "residence",
        "Lange Wartezeiten bei der Ausländerbehörde",
        "Termine zur Verlängerung von Aufenthaltstiteln werden erst nach mehreren Monaten "
        "vergeben; Fiktionsbescheinigungen führen zu Problemen beim Arbeitgeber.",
    ),
    (
        "mobility",
        "Fehlende Busverbindung zu den Sprachkursen",
        "Aus den Ortsteilen fährt abends kein Bus zu den Abendkursen des Sprachkursträgers.",
    ),
    (
        "health",
        "Zu wenige Therapieplätze mit Sprachmittlung",
        "Traumatherapie mit Dolmetscherinnen ist im Kreisgebiet kaum verfügbar; Wartezeit über "
        "ein Jahr.",
    ),
    (
        "education",
        "Anerkennung ausländischer Abschlüsse dauert zu lange",
        "Verfahren zur Anerkennung von Pflege- und Lehramtsabschlüssen ziehen sich über ein Jahr.",
    ),
    (
        "work",
        "Keine Teilzeitausbildung für Alleinerziehende",
        "Betriebe im Kreis bieten kaum Teilzeitausbildungen an.",
    ),
    (
        "family_childcare",
        "Kita-Plätze fehlen für neu zugezogene Kinder",
        "Neu zugezogene Familien warten oft über ein Jahr auf einen Kita-Platz.",
    ),
)

NOTES = (
    "Unterlagen zum Termin mitbringen.",
    "Sprachmittlung für den nächsten Termin anfragen.",
    "Antrag gemeinsam ausgefüllt.",
    "Rückmeldung der Behörde steht aus.",
    "Termin gut verlaufen, nächste Schritte besprochen.",
)

NEED_THEMES = {
    "family": "family_childcare",
    "health": "health",
    "residence": "residence",
    "housing": "housing",
    "language": "language",
    "work": "work",
    "livelihood": "livelihood",
    "mobility": "mobility",
    "participation": "participation",
}
GOAL_TITLES = {
    "family": "Kita-Platz für das jüngste Kind finden",
    "health": "Anbindung an eine Hausarztpraxis",
    "residence": "Aufenthaltstitel verlängern",
    "housing": "Eigene Wohnung finden",
    "language": "Integrationskurs bis Niveau B1 abschließen",
    "work": "Ausbildungs- oder Arbeitsstelle finden",
    "livelihood": "Leistungsanspruch klären und Antrag stellen",
    "mobility": "Deutschlandticket und Führerschein klären",
    "participation": "Anschluss an einen Sport- oder Kulturverein",
}
REFERRAL_FOR_NEED = {
    "family": "youth_welfare_office",
    "health": "health_services",
    "residence": "foreigners_authority",
    "housing": "social_welfare_office",
    "language": "language_course_provider",
    "work": "job_centre",
    "livelihood": "job_centre",
    "mobility": "municipal_office",
    "participation": "welfare_organisation",
}


INTERPRETED_LANGUAGES = ("ar", "fa", "prs", "ku", "uk", "ru", "tr", "ti", "so")
REFERRERS = (
    "self_referral",
    "job_centre",
    "social_welfare_office",
    "foreigners_authority",
    "migration_counselling",
    "integration_point",
    "youth_welfare_office",
)
