"""The first version of the accessibility statement (deklaracja dostępności).

Its parts follow the act of 4 April 2019 on the digital accessibility of public bodies'
websites and the minister's template: entity, dates, compliance status, inaccessible
content, preparation, feedback and contact, the demand and complaint procedure,
architectural accessibility and sign language. Editors keep it current in the admin.
"""

from django.utils import timezone


def _heading(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def _paragraph(html: str) -> tuple:
    return ("paragraph", html)


def accessibility_statement_body(data: dict) -> list[tuple]:
    department = data["department"]
    teams = data["teams"]
    # The statement template writes dates as RRRR-MM-DD.
    today = timezone.localdate().isoformat()
    contact_email = teams[-1]["email"]
    phone = department["secretariat_phone"]
    # The template names a contact person; the head of the department answers for the
    # portal until editors name the person they choose.
    contact_person = department["leaders"][0]["person"] if department.get("leaders") else ""
    address = f"{department['street_address']}, {department['postal_code']} {department['city']}"
    entity = f"{department['title']} ({department['institution_name']}, {address})"
    return [
        _paragraph(
            f"<p>{entity} zobowiązuje się zapewnić dostępność swojej strony internetowej "
            "zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron "
            "internetowych i aplikacji mobilnych podmiotów publicznych. Deklaracja dostępności "
            f'dotyczy strony internetowej <a href="/">{department["title"]}</a> – portalu '
            "wydziału i Centrum Aktywności Obywatelskiej.</p>"
        ),
        _heading("Daty publikacji i aktualizacji"),
        _paragraph(
            f"<ul><li>Data publikacji strony internetowej: {today}.</li>"
            f"<li>Data ostatniej istotnej aktualizacji: {today}.</li></ul>"
        ),
        _heading("Stan dostępności cyfrowej"),
        _paragraph(
            "<p>Strona internetowa jest <b>częściowo zgodna</b> z ustawą z dnia 4 kwietnia "
            "2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów "
            "publicznych z powodu niezgodności lub wyłączeń wymienionych poniżej.</p>"
        ),
        _heading("Treści niedostępne"),
        _paragraph(
            "<p>Niezgodności z załącznikiem do ustawy:</p>"
            "<ul><li>Część dokumentów PDF opublikowanych przed uruchomieniem portalu (skany "
            "uchwał i protokołów) nie ma warstwy tekstowej ani struktury nagłówków.</li>"
            "<li>Mapy obszarów konsultacji w formie obrazów nie mają pełnego opisu tekstowego; "
            "opis obszaru zawsze podajemy w treści ogłoszenia.</li></ul>"
            "<p>Wyłączenia: dokumenty opublikowane przed 23 września 2018 r., jeśli nie są "
            "niezbędne do realizacji bieżących zadań, oraz treści stron trzecich, które nie są "
            "finansowane ani rozwijane przez podmiot publiczny i nie znajdują się pod jego "
            "kontrolą.</p>"
        ),
        _heading("Przygotowanie deklaracji dostępności"),
        _paragraph(
            f"<ul><li>Data sporządzenia deklaracji: {today}.</li>"
            f"<li>Data ostatniego przeglądu deklaracji: {today}.</li>"
            "<li>Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot "
            "publiczny, wspartej automatycznymi testami axe-core (WCAG 2.1 na poziomie AA) "
            "w przeglądarce oraz testami obsługi klawiaturą, powiększenia tekstu do 200% "
            "i wyświetlania na ekranie o szerokości 320 pikseli.</li></ul>"
        ),
        _heading("Skróty klawiaturowe"),
        _paragraph(
            "<p>Strona nie ma własnych skrótów klawiaturowych; działają standardowe skróty "
            "przeglądarki. Pierwsze naciśnięcie klawisza Tab pokazuje łącze „Przejdź do "
            "treści”.</p>"
        ),
        _heading("Informacje zwrotne i dane kontaktowe"),
        _paragraph(
            "<p>Jeśli zauważysz problem z dostępnością strony, skontaktuj się z nami. "
            + (f"Osobą kontaktową jest {contact_person}. " if contact_person else "")
            + f'Adres e-mail: <a href="mailto:{contact_email}">{contact_email}</a>, '
            f"telefon: {phone}. Tą samą drogą można składać wnioski o udostępnienie informacji "
            "niedostępnej oraz żądania zapewnienia dostępności cyfrowej strony internetowej "
            "lub jej elementu.</p>"
        ),
        _heading("Obsługa wniosków i skarg związanych z dostępnością"),
        _paragraph(
            "<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony "
            "internetowej lub jej elementu. Można także zażądać udostępnienia informacji "
            "w formach alternatywnych, na przykład odczytania niedostępnego cyfrowo dokumentu, "
            "opisania zawartości filmu bez audiodeskrypcji itp. Żądanie powinno zawierać dane "
            "osoby zgłaszającej, wskazanie strony internetowej lub elementu, o które chodzi, "
            "oraz sposób kontaktu. Jeżeli osoba żądająca zgłasza potrzebę otrzymania informacji "
            "w formie alternatywnej, powinna także określić formę tej informacji. Żądanie można "
            f'złożyć e-mailem na adres <a href="mailto:{contact_email}">{contact_email}</a> '
            f"albo pisemnie: {department['institution_name']}, {department['title']}, "
            f"{address}.</p>"
            "<p>Podmiot publiczny zrealizuje żądanie niezwłocznie, nie później niż w ciągu "
            "7 dni od dnia wystąpienia z żądaniem. Jeżeli dotrzymanie tego terminu nie jest "
            "możliwe, niezwłocznie poinformuje o tym, kiedy realizacja żądania będzie możliwa, "
            "przy czym termin ten nie może być dłuższy niż 2 miesiące od dnia wystąpienia "
            "z żądaniem. Jeżeli zapewnienie dostępności cyfrowej nie jest możliwe, podmiot "
            "publiczny może zaproponować alternatywny sposób dostępu do informacji.</p>"
            "<p>W przypadku odmowy realizacji żądania zapewnienia dostępności lub "
            "alternatywnego sposobu dostępu do informacji wnoszący żądanie może złożyć skargę "
            "w sprawie zapewnienia dostępności cyfrowej strony internetowej lub jej elementu "
            f"– tą samą drogą, na adres {department['institution_name']}, {address}. "
            "Po wyczerpaniu tej procedury można także złożyć wniosek do "
            '<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>.</p>'
        ),
        _heading("Dostępność architektoniczna"),
        _paragraph(
            f"<p>Siedziba wydziału i Centrum Aktywności Obywatelskiej: {address}. "
            "Informacje o dostępności wejścia, pomieszczeń i toalet oraz pomoc w dotarciu "
            f"przekazuje sekretariat wydziału (tel. {phone}). Na prośbę zorganizujemy spotkanie "
            "w dostępnym miejscu. Do budynku i wszystkich jego pomieszczeń można wejść z psem "
            "asystującym.</p>"
        ),
        _heading("Tłumacz języka migowego"),
        _paragraph(
            "<p>Osoby uprawnione mogą skorzystać bezpłatnie z pomocy tłumacza polskiego języka "
            "migowego (PJM), systemu językowo-migowego (SJM) lub sposobu komunikowania się osób "
            "głuchoniewidomych (SKOGN), zgłaszając taką potrzebę co najmniej 3 dni robocze "
            f"przed wizytą – e-mailem ({contact_email}) lub przez osobę trzecią pod numerem "
            f"{phone}.</p>"
        ),
        _heading("Aplikacje mobilne"),
        _paragraph("<p>Wydział nie udostępnia aplikacji mobilnych.</p>"),
    ]
