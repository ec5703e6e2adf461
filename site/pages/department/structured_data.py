"""schema.org data of the department: a GovernmentOrganization with its contact points."""


def _contact_point(name: str, telephone: str = "", email: str = "", url: str = "") -> dict:
    point = {"@type": "ContactPoint", "name": name, "contactType": name, "areaServed": "PL"}
    if telephone:
        point["telephone"] = telephone
    if email:
        point["email"] = email
    if url:
        point["url"] = url
    point["availableLanguage"] = "pl"
    return point


def organisation_json_ld(department, request) -> dict:
    """The department as schema.org GovernmentOrganization, with every team a ContactPoint."""
    teams = list(department.teams())
    contact_points = []
    if department.secretariat_phone:
        contact_points.append(_contact_point("Sekretariat", telephone=department.secretariat_phone))
    for team in teams:
        contact_points.append(
            _contact_point(
                team.title,
                telephone=team.phone,
                email=team.email,
                url=team.get_full_url(request),
            )
        )
    people = {}
    for leader in department.leader_list():
        people.setdefault(leader.person_id, (leader.person, leader.role))
    for team in teams:
        for membership in team.members.all():
            people.setdefault(membership.person_id, (membership.person, membership.display_role))
    members = []
    for person, role in people.values():
        entry = {"@type": "Person", "name": person.name, "jobTitle": role}
        if person.email:
            entry["email"] = person.email
        if person.phone:
            entry["telephone"] = person.phone
        members.append(entry)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": department.title,
        "url": department.get_full_url(request),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": department.institution_name,
        },
        "address": {
            "@type": "PostalAddress",
            "streetAddress": department.street_address,
            "postalCode": department.postal_code,
            "addressLocality": department.city,
            "addressCountry": "PL",
        },
        "contactPoint": contact_points,
        "member": members,
    }
    if department.secretariat_phone:
        data["telephone"] = department.secretariat_phone
    if department.centre_name:
        data["department"] = {"@type": "GovernmentOrganization", "name": department.centre_name}
    return data
