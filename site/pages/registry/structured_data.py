"""schema.org data of the registry: an organisation (NGO) and the registry as a Dataset."""

from snippets.models import NGO


def ngo_json_ld(ngo: NGO, url: str) -> dict:
    """The organisation as schema.org NGO, with only what it publishes itself."""
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": ngo.name,
        "url": url,
    }
    if ngo.short_name:
        data["alternateName"] = ngo.short_name
    if ngo.description:
        data["description"] = ngo.description
    if ngo.website:
        data["sameAs"] = ngo.website
    if ngo.email:
        data["email"] = ngo.email
    if ngo.phone:
        data["telephone"] = ngo.phone
    if ngo.nip:
        data["taxID"] = ngo.nip
    identifiers = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in (("KRS", ngo.krs), ("REGON", ngo.regon))
        if value
    ]
    if identifiers:
        data["identifier"] = identifiers
    if ngo.street_address or ngo.postal_code:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ngo.street_address,
            "postalCode": ngo.postal_code,
            "addressLocality": ngo.city,
            "addressCountry": "PL",
        }
    areas = [area.name for area in ngo.areas.all()]
    if areas:
        data["knowsAbout"] = areas
    if not ngo.is_active:
        data["description"] = ("Organizacja rozwiązana. " + data.get("description", "")).strip()
    return data


def dataset_json_ld(
    *, name: str, description: str, url: str, csv_url: str, json_url: str, publisher: str
) -> dict:
    """The registry as a schema.org Dataset, so that open-data harvesters find its files."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": "pl",
        "isAccessibleForFree": True,
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_url},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": json_url},
        ],
    }
