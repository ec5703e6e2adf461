"""A corpus of municipal texts written for the search's quality tests and benchmark
(bench/search_quality.py), with queries in categories and the entries that answer them.

The texts are the project's own (not the sample content): an NGO department's pages,
resolutions, calls, NGO records and notices, with identifiers written the ways offices
write them (line breaks inside numbers included) and surnames and places the dictionary
does not know. Dates run against relevance: the right answer is often the oldest.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType


@dataclass
class Doc:
    key: str
    kind: str
    title: str
    summary: str = ""
    body: str = ""
    identifiers: list[str] = field(default_factory=list)
    month: int = 1


DOCS = [
    Doc(
        "uchwala_program",
        "document",
        "Uchwała w sprawie programu współpracy z organizacjami pozarządowymi na 2027 rok",
        body="Uchwała nr XLII/567/2026 Rady Miejskiej z dnia 24 września 2026 r. w sprawie "
        "przyjęcia Rocznego programu współpracy Miasta z organizacjami pozarządowymi oraz "
        "podmiotami prowadzącymi działalność pożytku publicznego. Priorytetowe zadania "
        "publiczne obejmują pomoc społeczną, kulturę, sport oraz ochronę środowiska. "
        "Współpraca ma formę finansową (zlecanie zadań w otwartych konkursach ofert) i "
        "pozafinansową (konsultowanie projektów aktów prawa miejscowego, zespoły doradcze).",
        identifiers=["XLII/567/2026"],
        month=1,
    ),
    Doc(
        "konsultacje_program",
        "consultation",
        "Konsultacje projektu programu współpracy na 2027 rok",
        summary="Zapraszamy organizacje do zgłaszania uwag do projektu programu.",
        body="Uwagi można zgłaszać do 15 listopada na formularzu lub pocztą elektroniczną na "
        "adres konsultacje.ngo@um-zalesie.pl. Projekt programu współpracy określa cele, "
        "zasady i formy współdziałania samorządu z sektorem pozarządowym.",
        month=8,
    ),
    Doc(
        "bo_regulamin",
        "page",
        "Regulamin budżetu obywatelskiego na 2027 rok",
        summary="Kto może zgłosić projekt i jak przebiega głosowanie.",
        body="Projekt do budżetu obywatelskiego może zgłosić każdy mieszkaniec, który "
        "ukończył 16 lat. Propozycja musi mieścić się w kwocie przewidzianej dla "
        "dzielnicy. Głosowanie trwa dwa tygodnie, można głosować przez internet albo na "
        "papierowej karcie w punktach w dzielnicach.",
        month=2,
    ),
    Doc(
        "bo_wyniki",
        "announcement",
        "Wyniki głosowania w budżecie obywatelskim",
        body="W tegorocznej edycji budżetu obywatelskiego oddano 18 tysięcy głosów. "
        "Zwyciężyły projekty: boisko wielofunkcyjne przy szkole, zielony skwer "
        "sąsiedzki i doposażenie świetlicy. Realizacja zwycięskich projektów rozpocznie się "
        "wiosną.",
        month=11,
    ),
    Doc(
        "uchwala_bo",
        "document",
        "Uchwała w sprawie zasad budżetu obywatelskiego",
        body="Uchwała nr XII/234/2026 Rady Miejskiej określa wymagania formalne projektów "
        "budżetu obywatelskiego, sposób oceny projektów oraz tryb głosowania mieszkańców.",
        identifiers=["XII/234/2026"],
        month=3,
    ),
    Doc(
        "cao",
        "page",
        "Centrum Aktywności Obywatelskiej – doradztwo dla organizacji",
        summary="Porady prawne i księgowe, sale na spotkania, szkolenia.",
        body="Centrum Aktywności Obywatelskiej pomaga stowarzyszeniom i fundacjom: udziela "
        "bezpłatnych porad prawnych i księgowych, użycza sal na spotkania i prowadzi "
        "szkolenia z pisania ofert. Zapisy: tel. 32 295 67 00, e-mail cao@um-zalesie.pl.",
        month=1,
    ),
    Doc(
        "rdpp",
        "announcement",
        "Posiedzenie Rady Działalności Pożytku Publicznego",
        body="Rada Działalności Pożytku Publicznego zaopiniowała projekt programu "
        "współpracy i przyjęła stanowisko w sprawie lokali dla organizacji. Kolejne "
        "posiedzenie odbędzie się w grudniu w sali sesyjnej urzędu.",
        month=10,
    ),
    Doc(
        "mrm",
        "announcement",
        "Nabór do Młodzieżowej Rady Miasta",
        body="Uczniowie w wieku od 13 do 19 lat mogą kandydować do Młodzieżowej Rady Miasta. "
        "Zgłoszenie podpisane przez dyrektora szkoły należy złożyć w sekretariacie. "
        "Młodzieżowi radni opiniują sprawy ważne dla młodzieży.",
        month=4,
    ),
    Doc(
        "konkurs_senior",
        "grant_call",
        "Otwarty konkurs ofert na aktywizację osób starszych",
        summary="Dotacje na zajęcia ruchowe, edukacyjne i kulturalne dla seniorów.",
        body="Oferty mogą składać organizacje pozarządowe. Wymagany wkład własny wynosi co "
        "najmniej 10% wartości zadania. Oferty należy złożyć w generatorze do 30 stycznia. "
        "Zadania realizowane będą w klubach seniora i domach kultury.",
        identifiers=["ZS.524.3.2026"],
        month=5,
    ),
    Doc(
        "sprawozdanie",
        "guidance",
        "Jak rozliczyć dotację: sprawozdanie z realizacji zadania publicznego",
        body="Po zakończeniu zadania organizacja składa sprawozdanie końcowe w ciągu 30 dni. "
        "Do sprawozdania dołącza się zestawienie faktur i listy uczestników. Niewykorzystaną "
        "część dotacji trzeba zwrócić na rachunek urzędu. Rozliczenie sprawdza wydział "
        "merytoryczny.",
        month=1,
    ),
    Doc(
        "opp",
        "page",
        "Przekaż 1,5% podatku lokalnej organizacji",
        body="Lista organizacji pożytku publicznego z naszego miasta, którym można przekazać "
        "1,5% podatku dochodowego w zeznaniu rocznym. Wystarczy wpisać numer KRS "
        "organizacji w formularzu PIT.",
        month=2,
    ),
    Doc(
        "fundacja",
        "ngo",
        "Fundacja Zielony Zakątek",
        summary="Ochrona przyrody, ogrody społeczne, edukacja ekologiczna dzieci.",
        body="Siedziba: ul. Ogrodowa 12, Zalesie. Fundacja prowadzi ogrody społeczne i "
        "warsztaty ekologiczne.",
        identifiers=["KRS 0000743219", "NIP 645-223-11-90", "REGON 271563904"],
        month=6,
    ),
    Doc(
        "stowarzyszenie",
        "ngo",
        "Stowarzyszenie Przyjaciół Ząbkowic",
        summary="Historia dzielnicy, spacery z przewodnikiem, festyny.",
        body="Siedziba w Ząbkowicach, ul. Główna 5. Kontakt: tel. 602 502 478. Organizujemy "
        "spacery historyczne i coroczny festyn dzielnicowy.",
        identifiers=["KRS 0000512345", "NIP 629-245-67-89"],
        month=7,
    ),
    Doc(
        "zarzadzenie",
        "document",
        "Zarządzenie w sprawie powołania komisji konkursowej",
        body="Zarządzenie nr 1043/2026 Prezydenta Miasta z dnia 3 lutego 2026 r. w sprawie "
        "powołania komisji konkursowej do oceny ofert w otwartym konkursie na aktywizację "
        "osób starszych. W skład komisji wchodzą przedstawiciele wydziału i organizacji.",
        identifiers=["1043/2026"],
        month=2,
    ),
    Doc(
        "festyn",
        "event",
        "Festyn sąsiedzki w parku Słowiczym",
        body="Zapraszamy na festyn w parku: gry dla dzieci, stoiska organizacji, koncert "
        "na zakończenie. Budżet imprezy pokrywa miasto, a obywatelski charakter nadają jej "
        "wolontariusze z osiedla.",
        month=9,
    ),
    Doc(
        "wolontariat",
        "guidance",
        "Wolontariat w mieście – jak zostać wolontariuszem",
        body="Wolontariuszem może zostać każdy, kto chce pomagać. Organizacje podpisują z "
        "wolontariuszem porozumienie i zapewniają ubezpieczenie. Oferty wolontariatu "
        "publikuje Centrum Wolontariatu.",
        month=3,
    ),
    Doc(
        "inicjatywa",
        "guidance",
        "Inicjatywa lokalna: mieszkańcy wnioskują, miasto pomaga",
        body="Grupa mieszkańców może złożyć wniosek o realizację inicjatywy lokalnej, np. "
        "urządzenie placu zabaw. Mieszkańcy wnoszą wkład pracą społeczną lub materiałami.",
        month=1,
    ),
    Doc(
        "male_granty",
        "grant_call",
        "Małe granty w trybie pozakonkursowym",
        body="Organizacja może złożyć ofertę na zadanie o wartości do 10 000 zł, trwające do "
        "90 dni. Wkład własny nie jest wymagany, ale podnosi ocenę oferty.",
        month=4,
    ),
    Doc(
        "wadium",
        "page",
        "Wpłaty zabezpieczeń i zwroty dotacji",
        body="Zwroty niewykorzystanych dotacji i odsetek należy wpłacać na rachunek urzędu "
        "nr 61 1090 1014 0000\n0712 1981 2874 z dopiskiem numeru umowy.",
        month=5,
    ),
    Doc(
        "pomoc_prawna",
        "service",
        "Nieodpłatna pomoc prawna dla mieszkańców",
        body="Porady udzielane są w punktach w urzędzie i w bibliotece. Zapisy pod numerem "
        "32 262\n45 18 od poniedziałku do piątku w godzinach 8–15.",
        month=6,
    ),
    Doc(
        "krs_rejestracja",
        "guidance",
        "Rejestracja stowarzyszenia w Krajowym Rejestrze Sądowym",
        body="Stowarzyszenie zgłasza wniosek o wpis przez Portal Rejestrów Sądowych. "
        "Potrzebne są statut, lista założycieli i protokół z zebrania założycielskiego.",
        month=2,
    ),
    Doc(
        "dostepnosc",
        "guidance",
        "Wydarzenia dostępne dla osób z niepełnosprawnościami",
        body="Organizator wydarzenia powinien zapewnić tłumacza języka migowego, "
        "pętlę indukcyjną i miejsca dla wózków.",
        month=8,
    ),
    Doc(
        "kluby_seniora",
        "page",
        "Kluby seniora w dzielnicach",
        body="W mieście działa dwanaście klubów seniora. Seniorzy spotykają się na zajęciach "
        "ruchowych, kursach komputerowych i wycieczkach.",
        month=3,
    ),
    Doc(
        "rada_seniorow",
        "page",
        "Miejska Rada Seniorów – skład i zadania",
        body="Rada seniorów liczy 15 członków i opiniuje programy dotyczące osób starszych. "
        "Przewodniczy jej pan Tadeusz Wierzchołowicz.",
        month=1,
    ),
    Doc(
        "spotkanie_zalesianskowice",
        "event",
        "Spotkanie konsultacyjne w Zalesiańskowicach",
        body="Mieszkańców Zalesiańskowic zapraszamy na rozmowę o przyszłości parku i "
        "ścieżki rowerowej. Spotkanie poprowadzi Tadeusza Wierzchołowicza zastępca.",
        month=10,
    ),
    Doc(
        "lokale",
        "page",
        "Lokale dla organizacji pozarządowych – najem na preferencyjnych warunkach",
        body="Stowarzyszenia i fundacje mogą wynająć lokal użytkowy ze stawką obniżoną o 80%. "
        "Wniosek składa się w wydziale gospodarki nieruchomościami.",
        month=2,
    ),
    Doc(
        "ekologia",
        "grant_call",
        "Konkurs na projekty ekologiczne w szkołach",
        body="Szkoły i organizacje mogą zgłaszać projekty edukacji ekologicznej: ogrody "
        "szkolne, zbiórki elektrośmieci, warsztaty o klimacie.",
        month=11,
    ),
    Doc(
        "nabor_komisje",
        "announcement",
        "Nabór przedstawicieli organizacji do komisji konkursowych",
        body="Organizacje pozarządowe mogą wskazywać kandydatów do komisji oceniających "
        "oferty. Kandydat nie może reprezentować organizacji biorącej udział w konkursie.",
        month=12,
    ),
    Doc(
        "dbp",
        "page",
        "Budżet partycypacyjny osiedli – zasady",
        body="Dąbrowski Budżet Partycypacyjny oddaje radom osiedli decyzję o części wydatków. "
        "Rada osiedla zbiera pomysły mieszkańców i przyjmuje listę zadań do 30 czerwca.",
        month=2,
    ),
    Doc(
        "um_godziny",
        "service",
        "Godziny pracy urzędu miejskiego",
        body="Urząd Miejski przy ulicy Granicznej 21 przyjmuje interesantów od poniedziałku "
        "do piątku. Kancelaria ogólna: tel. 32 295\n67 00, w czwartki do godziny 17.",
        month=1,
    ),
    Doc(
        "przystan",
        "ngo",
        "Stowarzyszenie Rodzin Abstynenckich Przystań",
        body="Stowarzyszenie prowadzi grupy wsparcia i świetlicę w Strzemieszycach. "
        "Zajęcia sportowe z trenerem Marianem Dziewulewiczem odbywają się w środy.",
        identifiers=["REGON 241567890", "KRS 0000456123"],
        month=3,
    ),
    Doc(
        "zarzadzenie_sport",
        "document",
        "Zarządzenie w sprawie wyników konkursu na zadania z zakresu sportu",
        body="Zarządzenie nr 2215/2025 Prezydenta Miasta z dnia 12 grudnia 2025 r. ogłasza "
        "wyniki otwartego konkursu ofert na upowszechnianie kultury fizycznej.",
        identifiers=["2215/2025"],
        month=1,
    ),
    Doc(
        "wigilia",
        "event",
        "Wigilia dla samotnych seniorów w klubie Pogodna Jesień",
        body="Zapraszamy osoby samotne na wspólną kolację wigilijną z kolędami. "
        "Zapisy w klubie do 18 grudnia.",
        month=12,
    ),
    Doc(
        "zabytki",
        "guidance",
        "Pieniądze na remont zabytków",
        body="Właściciele zabytków wpisanych do rejestru mogą otrzymać dotację celową na "
        "prace konserwatorskie i restauratorskie. Wniosek wraz z pozwoleniem "
        "konserwatora składa się do końca lutego.",
        month=2,
    ),
    Doc(
        "stypendia",
        "page",
        "Stypendia sportowe dla młodych zawodników",
        body="Miasto przyznaje stypendia zawodnikom, którzy osiągają wysokie wyniki we "
        "współzawodnictwie krajowym. Wnioski składają kluby do 31 stycznia.",
        month=1,
    ),
    Doc(
        "warsztaty_liderow",
        "announcement",
        "Warsztaty dla liderów organizacji",
        body="Cykl warsztatów o zarządzaniu zespołem i pozyskiwaniu środków poprowadzi "
        "trenerka Aleksandra Pszczółkowska. Liczba miejsc ograniczona.",
        month=9,
    ),
    # Distractors: the query words, but not the answer.
    Doc(
        "aktualnosci",
        "announcement",
        "Aktualności wydziału: grudzień",
        body="W grudniu wydział przyjmuje sprawozdania, ogłasza konkursy i zaprasza "
        "organizacje na spotkanie noworoczne. Budżet miasta na kolejny rok przyjęła rada.",
        month=12,
    ),
    Doc(
        "biuletyn",
        "page",
        "Biuletyn dla organizacji – wydanie jesienne",
        body="W numerze: program współpracy, rozliczenie dotacji, wolontariat, konsultacje "
        "społeczne, budżet obywatelski, rada seniorów, lokale dla organizacji, pomoc prawna.",
        month=12,
    ),
]

# (category, query, keys of the entries that answer it)
QUERIES = [
    ("naturalne", "jak rozliczyć dotację", {"sprawozdanie"}),
    ("naturalne", "program współpracy z organizacjami", {"uchwala_program", "konsultacje_program"}),
    ("naturalne", "porady prawne dla stowarzyszeń", {"cao"}),
    ("naturalne", "jak zostać wolontariuszem", {"wolontariat"}),
    ("naturalne", "lokal dla fundacji", {"lokale"}),
    ("naturalne", "wyniki głosowania", {"bo_wyniki"}),
    ("naturalne", "rejestracja stowarzyszenia", {"krs_rejestracja"}),
    ("naturalne", "ogrody społeczne", {"fundacja"}),
    ("odmiana", "regulaminem budżetu obywatelskiego", {"bo_regulamin"}),
    ("odmiana", "młodzieżowej radzie miasta", {"mrm"}),
    ("odmiana", "inicjatywami lokalnymi", {"inicjatywa"}),
    ("odmiana", "klubach seniorów", {"kluby_seniora"}),
    ("odmiana", "komisjom konkursowym", {"zarzadzenie", "nabor_komisje"}),
    ("literówki", "wolontarjat", {"wolontariat"}),
    ("literówki", "sprawozdnie", {"sprawozdanie"}),
    ("literówki", "konsulatcje programu", {"konsultacje_program"}),
    ("literówki", "dotajca", {"sprawozdanie", "wadium"}),
    ("literówki", "festym", {"festyn"}),
    ("literówki", "regulamni budżetu", {"bo_regulamin"}),
    ("skróty", "regulamin BO", {"bo_regulamin"}),
    ("skróty", "NGO lokale", {"lokale"}),
    ("skróty", "CAO", {"cao"}),
    ("skróty", "OPP", {"opp"}),
    ("skróty", "RDPP posiedzenie", {"rdpp"}),
    ("skróty", "MRM nabór", {"mrm"}),
    ("skróty", "osoby starsze kluby", {"kluby_seniora"}),
    ("frazy", '"budżet obywatelski"', {"bo_regulamin", "bo_wyniki", "uchwala_bo"}),
    ("frazy", '"rada seniorów"', {"rada_seniorow"}),
    ("frazy", '"wkład własny"', {"konkurs_senior", "male_granty"}),
    ("frazy", "„komisji konkursowej”", {"zarzadzenie", "nabor_komisje"}),
    ("identyfikatory", "567/2026", {"uchwala_program"}),
    ("identyfikatory", "XLII/567/26", {"uchwala_program"}),
    ("identyfikatory", "XII/234/2026", {"uchwala_bo"}),
    ("identyfikatory", "1043/26", {"zarzadzenie"}),
    ("identyfikatory", "645 223 11 90", {"fundacja"}),
    ("identyfikatory", "743219", {"fundacja"}),
    ("identyfikatory", "271-563-904", {"fundacja"}),
    ("identyfikatory", "32 262 45 18", {"pomoc_prawna"}),
    ("identyfikatory", "61109010140000071219812874", {"wadium"}),
    ("identyfikatory", "cao@um-zalesie.pl", {"cao"}),
    ("identyfikatory", "ZS.524.3.2026", {"konkurs_senior"}),
    ("nazwiska i miejsca", "Wierzchołowicz", {"rada_seniorow", "spotkanie_zalesianskowice"}),
    ("nazwiska i miejsca", "Zalesiańskowice", {"spotkanie_zalesianskowice"}),
    ("nazwiska i miejsca", "Ząbkowice", {"stowarzyszenie"}),
    ("naturalne", "stypendia dla zawodników", {"stypendia"}),
    ("naturalne", "dotacja na remont zabytku", {"zabytki"}),
    ("literówki", "zabyków", {"zabytki"}),
    ("literówki", "stypendja sportowe", {"stypendia"}),
    ("skróty", "DBP zasady", {"dbp"}),
    ("skróty", "UM godziny pracy", {"um_godziny"}),
    ("frazy", '"remont zabytków"', {"zabytki"}),
    ("frazy", '"urzędu miejskiego"', {"um_godziny"}),
    ("identyfikatory", "2215/25", {"zarzadzenie_sport"}),
    ("identyfikatory", "322956700", {"um_godziny"}),
    ("identyfikatory", "241 567 890", {"przystan"}),
    ("nazwiska i miejsca", "Dziewulewicza", {"przystan"}),
    ("nazwiska i miejsca", "Strzemieszyce", {"przystan"}),
    ("nazwiska i miejsca", "Pszczółkowskiej", {"warsztaty_liderow"}),
    # Partial: the portal does not hold every word; the entry with the others comes first.
    ("częściowe", "wigilia dla seniorów z psami", {"wigilia"}),
    ("częściowe", "stypendia sportowe dla szachistów", {"stypendia"}),
    ("częściowe", "remont zabytków w Tokio", {"zabytki"}),
    ("częściowe", "godziny pracy urzędu w sobotę", {"um_godziny"}),
]

# A phrase must not match its words apart ("budżet … obywatelski" in the festyn).
PHRASE_NEGATIVES = {'"budżet obywatelski"': {"festyn", "aktualnosci"}}


def index_corpus() -> dict[int, str]:
    """Index DOCS as search entries; {entry id: key}."""
    from search import indexing
    from search.models import SearchEntry
    from search.sources import SearchDocument, SearchSource

    class CorpusSource(SearchSource):
        kind = "page"
        model = SearchEntry

    class Record:
        def __init__(self, pk):
            self.pk = pk

    content_type = ContentType.objects.get_for_model(SearchEntry)
    entries, lemmas = [], set()
    for number, doc in enumerate(DOCS, 1):
        document = SearchDocument(
            kind=doc.kind,
            title=doc.title,
            url=f"/korpus/{doc.key}/",
            summary=doc.summary,
            body=doc.body,
            identifiers=doc.identifiers,
            date=datetime(2026, doc.month, 1, tzinfo=UTC),
        )
        entries.append(
            indexing.build_entry(document, CorpusSource(), Record(number), content_type, lemmas)
        )
    indexing.save_entries(entries, content_type, [], lemmas)
    urls = {f"/korpus/{doc.key}/": doc.key for doc in DOCS}
    return {
        pk: urls[url] for pk, url in SearchEntry.objects.values_list("pk", "url") if url in urls
    }


def evaluate(search, keys: dict[int, str]) -> dict[str, dict]:
    """recall@10 and MRR per category; SEARCH(query) → response of search.service."""
    per_category: dict[str, dict] = {}
    for category, query, relevant in QUERIES:
        found = [keys.get(result.entry.pk) for result in search(query).results[:10]]
        recall = len(relevant & set(found)) / len(relevant)
        rank = next((n for n, key in enumerate(found, 1) if key in relevant), None)
        stats = per_category.setdefault(category, {"queries": 0, "recall": 0.0, "mrr": 0.0})
        stats["queries"] += 1
        stats["recall"] += recall
        stats["mrr"] += 1 / rank if rank else 0.0
        stats.setdefault("misses", [])
        if recall < 1 or rank != 1:
            stats["misses"].append((query, found[:3]))
    for stats in per_category.values():
        stats["recall"] /= stats["queries"]
        stats["mrr"] /= stats["queries"]
    return per_category
