"""Seeds the areas of public benefit activity: art. 4 ust. 1 of the Act of 24 April 2003
on public benefit activity and volunteering (consolidated text). Editors keep the list
current in the admin; this migration only adds points that are missing."""

from django.db import migrations

# (point, the wording of the Act, a short name for filters)
AREAS = [
    ("1", "pomocy społecznej, w tym pomocy rodzinom i osobom w trudnej sytuacji życiowej oraz wyrównywania szans tych rodzin i osób", "Pomoc społeczna"),
    ("1a", "wspierania rodziny i systemu pieczy zastępczej", "Wspieranie rodziny i piecza zastępcza"),
    ("2", "działalności na rzecz integracji i reintegracji zawodowej i społecznej osób zagrożonych wykluczeniem społecznym", "Integracja osób zagrożonych wykluczeniem"),
    ("3", "działalności charytatywnej", "Działalność charytatywna"),
    ("4", "podtrzymywania i upowszechniania tradycji narodowej, pielęgnowania polskości oraz rozwoju świadomości narodowej, obywatelskiej i kulturowej", "Tradycja narodowa i świadomość obywatelska"),
    ("5", "działalności na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego", "Mniejszości narodowe i etniczne"),
    ("6", "ochrony i promocji zdrowia, w tym działalności leczniczej w rozumieniu ustawy z dnia 15 kwietnia 2011 r. o działalności leczniczej", "Ochrona i promocja zdrowia"),
    ("7", "działalności na rzecz osób niepełnosprawnych", "Osoby z niepełnosprawnościami"),
    ("8", "promocji zatrudnienia i aktywizacji zawodowej osób pozostających bez pracy i zagrożonych zwolnieniem z pracy", "Zatrudnienie i aktywizacja zawodowa"),
    ("9", "działalności na rzecz równych praw kobiet i mężczyzn", "Równe prawa kobiet i mężczyzn"),
    ("10", "działalności na rzecz osób w wieku emerytalnym", "Seniorzy"),
    ("11", "działalności wspomagającej rozwój gospodarczy, w tym rozwój przedsiębiorczości", "Rozwój gospodarczy i przedsiębiorczość"),
    ("12", "działalności wspomagającej rozwój techniki, wynalazczości i innowacyjności oraz rozpowszechnianie i wdrażanie nowych rozwiązań technicznych w praktyce gospodarczej", "Technika i innowacje"),
    ("13", "działalności wspomagającej rozwój wspólnot i społeczności lokalnych", "Wspólnoty i społeczności lokalne"),
    ("14", "nauki, szkolnictwa wyższego, edukacji, oświaty i wychowania", "Nauka, edukacja i wychowanie"),
    ("15", "działalności na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży", "Dzieci i młodzież, wypoczynek"),
    ("16", "kultury, sztuki, ochrony dóbr kultury i dziedzictwa narodowego", "Kultura i sztuka"),
    ("17", "wspierania i upowszechniania kultury fizycznej", "Kultura fizyczna i sport"),
    ("18", "ekologii i ochrony zwierząt oraz ochrony dziedzictwa przyrodniczego", "Ekologia i ochrona zwierząt"),
    ("19", "turystyki i krajoznawstwa", "Turystyka i krajoznawstwo"),
    ("20", "porządku i bezpieczeństwa publicznego", "Porządek i bezpieczeństwo publiczne"),
    ("21", "obronności państwa i działalności Sił Zbrojnych Rzeczypospolitej Polskiej", "Obronność państwa"),
    ("22", "upowszechniania i ochrony wolności i praw człowieka oraz swobód obywatelskich, a także działań wspomagających rozwój demokracji", "Prawa człowieka i demokracja"),
    ("22a", "udzielania nieodpłatnej pomocy prawnej, zwiększania świadomości prawnej społeczeństwa, udzielania nieodpłatnego poradnictwa obywatelskiego oraz edukacji prawnej", "Nieodpłatna pomoc prawna i edukacja prawna"),
    ("23", "ratownictwa i ochrony ludności", "Ratownictwo i ochrona ludności"),
    ("24", "pomocy ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w kraju i za granicą", "Pomoc ofiarom katastrof i wojen"),
    ("25", "upowszechniania i ochrony praw konsumentów", "Prawa konsumentów"),
    ("26", "działalności na rzecz integracji europejskiej oraz rozwijania kontaktów i współpracy między społeczeństwami", "Integracja europejska i współpraca międzynarodowa"),
    ("27", "promocji i organizacji wolontariatu", "Wolontariat"),
    ("28", "pomocy Polonii i Polakom za granicą", "Polonia i Polacy za granicą"),
    ("29", "działalności na rzecz kombatantów i osób represjonowanych", "Kombatanci i osoby represjonowane"),
    ("29a", "działalności na rzecz weteranów i weteranów poszkodowanych, w rozumieniu ustawy z dnia 19 sierpnia 2011 r. o weteranach działań poza granicami państwa", "Weterani"),
    ("30", "promocji Rzeczypospolitej Polskiej za granicą", "Promocja Polski za granicą"),
    ("31", "działalności na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ochrony praw dziecka", "Rodzina i prawa dziecka"),
    ("32", "przeciwdziałania uzależnieniom i patologiom społecznym", "Przeciwdziałanie uzależnieniom"),
    ("32a", "rewitalizacji", "Rewitalizacja"),
    ("33", "działalności na rzecz organizacji pozarządowych oraz podmiotów wymienionych w art. 3 ust. 3, w zakresie określonym w pkt 1–32a", "Wspieranie organizacji pozarządowych"),
]


def seed(apps, schema_editor):
    Area = apps.get_model("snippets", "PublicBenefitArea")
    existing = set(Area.objects.values_list("number", flat=True))
    Area.objects.bulk_create(
        Area(number=number, name=name, short_name=short_name, sort_order=(position + 1) * 10)
        for position, (number, name, short_name) in enumerate(AREAS)
        if number not in existing
    )


def unseed(apps, schema_editor):
    Area = apps.get_model("snippets", "PublicBenefitArea")
    Area.objects.filter(
        number__in=[number for number, _, _ in AREAS],
        ngos__isnull=True,
        grant_calls__isnull=True,
        small_grant_offers__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("snippets", "0002_registries")]

    operations = [migrations.RunPython(seed, unseed)]
