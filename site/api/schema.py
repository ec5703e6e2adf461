"""The OpenAPI 3.1 description of /api/v2/, built from the endpoints actually registered.

Each page type, snippet or media endpoint is described from the serializer Wagtail builds
for it (the same one that renders responses), so a field added to `api_fields` appears
here without anyone editing a schema by hand. Objects are closed
(`additionalProperties: false`), so a response carrying something the description does
not know fails validation in the tests. An endpoint that is not a Wagtail viewset
describes itself through a classmethod `openapi_paths(builder) -> dict`; a viewset
describes its own query parameters in `openapi_parameters` ({name: (description,
schema)}), and a field whose class does not tell its shape says it in `openapi_schema`.
"""

from collections import OrderedDict

from django.core.exceptions import FieldDoesNotExist

from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, get_page_models

from rest_framework import fields as drf_fields
from rest_framework import relations as drf_relations
from rest_framework import serializers as drf_serializers
from rest_framework.settings import api_settings

from api import index as api_index
from api import openapi_http
from api.middleware import MAX_ID
from api.parameters import detail_names, find_names, listing_names, query_parameters
from search import openapi as search_openapi

API_PREFIX = "/api/v2"
ALL_FIELDS = [("*", False, None)]

ERROR = {"$ref": "#/components/schemas/Error"}
NULL = {"type": "null"}
ANY = {}  # a value whose shape the description does not fix (a model property, a method)
NOT_FOUND_PARAMETER = "Nieznany serwis (`site`), język (`locale`) albo format (`format`)."


def may_be_null(model, field) -> bool:
    """Whether Wagtail's serializer can emit null for FIELD of MODEL.

    Wagtail writes null for any attribute that is None, whatever the field class says;
    that happens for nullable model fields and may for properties and methods.
    """
    source = field.source or field.field_name
    if source == "*" or "." in source:
        return False
    try:
        model_field = model._meta.get_field(source)
    except FieldDoesNotExist:
        return True
    return bool(getattr(model_field, "null", False)) and not model_field.many_to_many


def nullable(schema: dict) -> dict:
    if schema == ANY or schema.get("anyOf", [None])[-1] == NULL:
        return schema
    return {"anyOf": [schema, NULL]}


class SchemaBuilder:
    """Builds the OpenAPI document for one WagtailAPIRouter."""

    def __init__(self, router):
        self.router = router
        self.schemas: dict[str, dict] = OrderedDict()

    # -- fields -----------------------------------------------------------------------

    def serializer_schema(self, serializer) -> dict:
        """An object schema for a Wagtail or DRF serializer instance (meta split out)."""
        meta_names = set(getattr(serializer, "meta_fields", ()))
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        properties, meta = OrderedDict(), OrderedDict()
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            target = meta if name in meta_names else properties
            schema = self.field_schema(field)
            if model is not None and may_be_null(model, field):
                schema = nullable(schema)
            target[name] = schema
        if meta:
            properties["meta"] = {
                "type": "object",
                "additionalProperties": False,
                "properties": meta,
            }
            properties.move_to_end("meta", last=False)
        if "id" in properties:
            properties.move_to_end("id", last=False)
        return {"type": "object", "additionalProperties": False, "properties": properties}

    def field_schema(self, field) -> dict:
        schema = self._field_schema(field)
        if getattr(field, "allow_null", False):
            schema = nullable(schema)
        return schema

    def _field_schema(self, field) -> dict:
        if (declared := getattr(field, "openapi_schema", None)) is not None:
            return declared
        ws = wagtail_serializers
        if isinstance(field, ws.StreamField):
            return {"$ref": "#/components/schemas/StreamField"}
        if isinstance(field, ws.RichTextFieldSerializer):
            return {"type": "string"}
        if isinstance(field, ws.TagsField):
            return {"type": "array", "items": {"type": "string"}}
        if isinstance(field, ws.TypeField | ws.PageTypeField | ws.PageLocaleField):
            return {"type": "string"}
        if isinstance(field, ws.DetailUrlField):
            return {"type": "string", "format": "uri"}
        if isinstance(field, ws.PageHtmlUrlField):
            return nullable({"type": "string"})
        if isinstance(field, ws.PageParentField | ws.PageAliasOfField):
            return nullable({"$ref": "#/components/schemas/PageLink"})
        if isinstance(field, ws.ChildRelationField):
            child = self.serializer_schema(field.serializer_class(context={}))
            return {"type": "array", "items": child}
        if isinstance(field, ws.RelatedField):
            return nullable(self.serializer_schema(field.serializer_class(context={})))
        if isinstance(field, ImageRenditionField):
            return {"$ref": "#/components/schemas/ImageRendition"}
        if isinstance(field, drf_serializers.ListSerializer):
            return {"type": "array", "items": self.field_schema(field.child)}
        if isinstance(field, drf_serializers.BaseSerializer):
            if not field.fields:
                # A serializer that writes its own to_representation() and declares
                # no `openapi_schema`: an object of unknown keys.
                return {"type": "object"}
            return self.serializer_schema(field)
        if isinstance(field, drf_relations.ManyRelatedField):
            return {"type": "array", "items": self.field_schema(field.child_relation)}
        if isinstance(field, drf_relations.PrimaryKeyRelatedField):
            return {"type": "integer"}
        return self._plain_field_schema(field)

    def _plain_field_schema(self, field) -> dict:
        if isinstance(field, drf_fields.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, drf_fields.IntegerField):
            return {"type": "integer"}
        if isinstance(field, drf_fields.FloatField):
            return {"type": "number"}
        if isinstance(field, drf_fields.DecimalField):
            # DRF sets the attribute only when asked; otherwise its setting decides.
            as_string = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
            return {"type": "string"} if as_string else {"type": "number"}
        if isinstance(field, drf_fields.DateTimeField):
            return {"type": "string", "format": "date-time"}
        if isinstance(field, drf_fields.DateField):
            return {"type": "string", "format": "date"}
        if isinstance(field, drf_fields.ChoiceField):
            values = [str(key) for key in field.choices]
            if getattr(field, "allow_blank", False) and "" not in values:
                values.append("")  # an optional choice left empty
            return {"enum": values}
        if isinstance(field, drf_fields.CharField | drf_fields.UUIDField | drf_fields.TimeField):
            return {"type": "string"}
        if isinstance(field, drf_fields.ListField):
            return {"type": "array", "items": self.field_schema(field.child)}
        if isinstance(field, drf_fields.DictField):
            return {"type": "object"}
        return ANY  # ReadOnlyField, SerializerMethodField, JSONField: shape not fixed

    # -- endpoints --------------------------------------------------------------------

    def model_schema(self, endpoint, model) -> dict:
        serializer_class = endpoint._get_serializer_class(
            self.router, model, ALL_FIELDS, show_details=True
        )
        serializer = serializer_class(context={"router": self.router})
        return self.serializer_schema(serializer)

    def model_paths(self, name, endpoint, item_ref: dict, tag: str) -> dict:
        base = f"{API_PREFIX}/{name}/"
        self.schemas[f"{tag}Listing"] = {
            "type": "object",
            "additionalProperties": False,
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                },
                "items": {"type": "array", "items": item_ref},
            },
        }
        listing_ref = {"$ref": f"#/components/schemas/{tag}Listing"}
        return {
            base: {
                "get": {
                    "tags": [tag],
                    "operationId": f"{name}_listing",
                    "summary": f"Lista: {name}",
                    "parameters": query_parameters(endpoint, listing_names(endpoint)),
                    "responses": {
                        "200": _json("Lista z łączną liczbą wyników.", listing_ref),
                        "400": _json("Nieprawidłowy parametr.", ERROR),
                        "404": _json(NOT_FOUND_PARAMETER, ERROR),
                    },
                }
            },
            base + "{id}/": {
                "get": {
                    "tags": [tag],
                    "operationId": f"{name}_detail",
                    "summary": f"Szczegóły: {name}",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                        },
                        *query_parameters(endpoint, detail_names(endpoint)),
                    ],
                    "responses": {
                        "200": _json("Obiekt.", item_ref),
                        "400": _json("Nieprawidłowy parametr.", ERROR),
                        "404": _json("Nie ma takiego obiektu (albo nie jest publiczny).", ERROR),
                    },
                }
            },
            base + "find/": {
                "get": {
                    "tags": [tag],
                    "operationId": f"{name}_find",
                    "summary": f"Znajdź jeden obiekt ({name}) i przekieruj do jego szczegółów",
                    "parameters": query_parameters(endpoint, find_names(endpoint)),
                    "responses": {
                        "302": {"description": "Przekierowanie do szczegółów obiektu."},
                        "400": _json("Nieprawidłowy parametr.", ERROR),
                        "404": _json("Nie znaleziono.", ERROR),
                    },
                }
            },
        }

    def page_paths(self, name, endpoint) -> dict:
        branches = []
        for model in sorted(get_page_models(), key=lambda m: m._meta.label):
            if model is Page:
                continue
            label = model._meta.label
            self.schemas[label] = self.model_schema(endpoint, model)
            branches.append(
                {
                    "if": {
                        "required": ["meta"],
                        "properties": {
                            "meta": {
                                "required": ["type"],
                                "properties": {"type": {"const": label}},
                            }
                        },
                    },
                    "then": {"$ref": f"#/components/schemas/{label}"},
                }
            )
        self.schemas["wagtailcore.Page"] = self.model_schema(endpoint, Page)
        # Every item matches the schema of its own type (meta.type); any other type
        # (one added without a model here) falls back to the base page.
        known = [
            branch["if"]["properties"]["meta"]["properties"]["type"]["const"] for branch in branches
        ]
        branches.append(
            {
                "if": {"properties": {"meta": {"properties": {"type": {"not": {"enum": known}}}}}},
                "then": {"$ref": "#/components/schemas/wagtailcore.Page"},
            }
        )
        self.schemas["Page"] = {
            "type": "object",
            "required": ["id", "meta"],
            "allOf": branches,
        }
        return self.model_paths(name, endpoint, {"$ref": "#/components/schemas/Page"}, "Page")

    def endpoint_paths(self, name, endpoint) -> dict:
        if hasattr(endpoint, "openapi_paths"):
            return endpoint.openapi_paths(self)
        if isinstance(endpoint, type) and issubclass(endpoint, PagesAPIViewSet):
            return self.page_paths(name, endpoint)
        if isinstance(endpoint, type) and issubclass(endpoint, BaseAPIViewSet):
            tag = endpoint.model.__name__
            self.schemas[tag] = self.model_schema(endpoint, endpoint.model)
            return self.model_paths(name, endpoint, {"$ref": f"#/components/schemas/{tag}"}, tag)
        return {
            f"{API_PREFIX}/{name}/": {
                "get": {
                    "operationId": f"{name}_get",
                    "summary": name,
                    "responses": {"200": _json("Odpowiedź (kształt nieopisany).", ANY)},
                }
            }
        }

    def build(self) -> dict:
        self.schemas.update(BASE_SCHEMAS)
        paths = OrderedDict(api_index.openapi_paths())
        for name, endpoint in self.router._endpoints.items():
            paths.update(self.endpoint_paths(name, endpoint))
        # Mounted beside the router (search.urls), described by the search app itself.
        paths.update(search_openapi.openapi_paths(self.schemas))
        components = {"schemas": self.schemas}
        openapi_http.describe(paths, components)
        return {
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "info": {
                "title": "API portalu Wydziału Organizacji Pozarządowych i Aktywności "
                "Obywatelskiej UM Dąbrowa Górnicza",
                "version": "2",
                "description": "Publiczne treści portalu w JSON, tylko do odczytu. API zwraca "
                "wyłącznie treści publiczne, niezależnie od tego, kto pyta: strony intranetu "
                "i strefy NGO, szkice oraz dokumenty z prywatnych kolekcji są pominięte.",
            },
            "servers": [{"url": "/"}],
            "paths": paths,
            "components": components,
        }


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


BASE_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["message"],
        "properties": {"message": {"type": "string"}},
    },
    "StreamField": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "value"],
            "properties": {"type": {"type": "string"}, "value": ANY, "id": {"type": "string"}},
        },
    },
    "PageLink": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "type": {"type": "string"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "html_url": nullable({"type": "string"}),
                },
            },
            "title": {"type": "string"},
        },
    },
    "ImageRendition": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "url": {"type": "string"},
            "full_url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "alt": {"type": "string"},
            "error": {"type": "string"},
        },
    },
}

_cached: dict | None = None


def openapi_document(router) -> dict:
    """The document for ROUTER, built once per process (it depends on code only)."""
    global _cached
    if _cached is None:
        _cached = SchemaBuilder(router).build()
    return _cached
