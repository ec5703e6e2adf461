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
    today = timezone.localdate().strftime("%d.%m.%Y")
    contact_email = teams[-1]["email"]
    phone = department["secretariat_phone"]
    return [
        _paragraph(
            f"<p>{department['title']} ({department['institution_name']}, "
            f"{department['street_address']}, {department['postal_code']} {department['city']}) "
            "zobowiązuje się zapewnić dostępność swojej strony internetowej zgodnie z ustawą "
            "z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji "
            "mobilnych podmiotów publicznych. Deklaracja dostępności dotyczy portalu wydziału "
            "i Centrum Aktywności Obywatelskiej.</p>"
        ),
        _heading("Daty publikacji i aktualizacji"),
        _paragraph(
            f"<ul><li>Data publikacji strony internetowej: {today}.</li>"
            f"<li>Data ostatniej istotnej aktualizacji: {today}.</li></ul>"
        ),
        _heading("Stan dostępności cyfrowej"),
        _paragraph(
            "<p>Strona internetowa jest <b>częściowo zgodna</b> z ustawą o dostępności cyfrowej "
            "z powodu niezgodności lub wyłączeń wymienionych poniżej.</p>"
        ),
        _heading("Treści niedostępne"),
        _paragraph(
            "<ul><li>Część dokumentów PDF opublikowanych przed uruchomieniem portalu (skany "
            "uchwał i protokołów) nie ma warstwy tekstowej ani struktury nagłówków.</li>"
            "<li>Mapy obszarów konsultacji w formie obrazów nie mają pełnego opisu tekstowego; "
            "opis obszaru zawsze podajemy w treści ogłoszenia.</li></ul>"
            "<p>Wyłączenia: dokumenty opublikowane przed 23 września 2018 r., jeśli nie są "
            "niezbędne do realizacji bieżących zadań, oraz treści stron trzecich.</p>"
        ),
        _heading("Przygotowanie deklaracji dostępności"),
        _paragraph(
            f"<ul><li>Data sporządzenia deklaracji: {today}.</li>"
            f"<li>Data ostatniego przeglądu deklaracji: {today}.</li>"
            "<li>Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot "
            "publiczny, wspartej automatycznymi testami axe-core (WCAG 2.1 AA) i testami "
            "obsługi klawiaturą.</li></ul>"
        ),
        _heading("Skróty klawiaturowe"),
        _paragraph(
            "<p>Na stronie można używać standardowych skrótów przeglądarki. Pierwszy klawisz "
            "Tab przenosi do łącza „Przejdź do treści”.</p>"
        ),
        _heading("Informacje zwrotne i dane kontaktowe"),
        _paragraph(
            "<p>Jeśli zauważysz problem z dostępnością strony, napisz do nas na adres "
            f'<a href="mailto:{contact_email}">{contact_email}</a> lub zadzwoń do sekretariatu '
            f"wydziału: {phone}. Tą samą drogą można zgłaszać prośby o udostępnienie informacji "
            "niedostępnej oraz składać żądania zapewnienia dostępności.</p>"
        ),
        _heading("Procedura wnioskowo-skargowa"),
        _paragraph(
            "<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony "
            "internetowej lub jej elementu. Można także zażądać udostępnienia informacji "
            "w formach alternatywnych. Żądanie powinno zawierać dane osoby zgłaszającej, "
            "wskazanie strony lub elementu, o które chodzi, oraz sposób kontaktu. Jeżeli osoba "
            "żądająca zgłasza potrzebę otrzymania informacji w formie alternatywnej, powinna "
            "także określić formę tej informacji.</p>"
            "<p>Podmiot publiczny zrealizuje żądanie niezwłocznie, nie później niż w ciągu "
            "7 dni od dnia wystąpienia z żądaniem. Jeżeli dotrzymanie tego terminu nie jest "
            "możliwe, niezwłocznie poinformuje o tym, kiedy realizacja żądania będzie możliwa, "
            "przy czym termin ten nie może być dłuższy niż 2 miesiące. Jeżeli zapewnienie "
            "dostępności nie jest możliwe, podmiot publiczny może zaproponować alternatywny "
            "sposób dostępu do informacji.</p>"
            "<p>W przypadku odmowy realizacji żądania lub alternatywnego sposobu dostępu można "
            "złożyć skargę na takie działanie. Po wyczerpaniu tej procedury można także złożyć "
            "wniosek do Rzecznika Praw Obywatelskich.</p>"
        ),
        _heading("Dostępność architektoniczna"),
        _paragraph(
            f"<p>Siedziba wydziału i Centrum Aktywności Obywatelskiej: "
            f"{department['street_address']}, {department['postal_code']} {department['city']}. "
            "Informacje o dostępności wejścia, pomieszczeń i toalet oraz pomoc w dotarciu "
            f"przekazuje sekretariat wydziału (tel. {phone}). Na prośbę zorganizujemy spotkanie "
            "w dostępnym miejscu. Do budynku można wejść z psem asystującym.</p>"
        ),
        _heading("Tłumacz języka migowego"),
        _paragraph(
            "<p>Osoby uprawnione mogą skorzystać z pomocy tłumacza polskiego języka migowego "
            "(PJM), systemu językowo-migowego (SJM) lub sposobu komunikowania się osób "
            "głuchoniewidomych (SKOGN), zgłaszając taką potrzebę co najmniej 3 dni robocze "
            "przed wizytą.</p>"
        ),
        _heading("Aplikacje mobilne"),
        _paragraph("<p>Wydział nie udostępnia aplikacji mobilnych.</p>"),
    ]
