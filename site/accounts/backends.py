"""The signed-in user of a request: their row with their second factor's state, and
Django's model permissions in one query instead of two.

`get_user` (what AuthenticationMiddleware calls on every request) reads the user's row
with whether they have a confirmed device (accounts.two_factor.with_device_state), so the
second factor's middleware runs no query of its own for a session not yet verified (it ran
one per kind of device); the row is read afresh by each request, so a removed device
counts at once.

Permissions: ModelBackend reads a user's own permissions and their groups' in two queries (and a
superuser's, the whole table, twice), the first time anything asks a user object for a
permission: every signed-in request that checks one (the second factor's requirement,
Wagtail's user bar) paid both. This backend reads both sets in one UNION ALL and fills
the same per-object caches ModelBackend keeps (`_user_perm_cache`, `_group_perm_cache`),
so every answer, `get_user_permissions()` and `get_group_permissions()` included, is
ModelBackend's own (tests/accounts/test_backends.py compares them).

Both are read together when the user is, and kept between requests with the row
(accounts.user_snapshot, stale at once when the user, their groups, permissions or devices
change): a signed-in request whose snapshot is fresh reads neither. Where the snapshot is
kept, the user's groups are read with them too (core.request_memo's privacy checks).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import CharField, Value

from accounts import two_factor, user_snapshot
from core import request_memo

USER, GROUP = "user", "group"


class OneQueryModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_snapshot.load(user_id, lambda: self._read_user(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None

    def _read_user(self, user_id):
        """The user's row with their device state, and their permissions (kept together
        by accounts.user_snapshot, so they are read together)."""
        users = two_factor.with_device_state(get_user_model()._default_manager.all())
        user = users.filter(pk=user_id).first()
        if user is not None and user.is_active:
            self._read_both(user)
            if user_snapshot.enabled() and request_memo.restrictions_shared():
                # Kept with the user, so their requests' privacy checks need no query of
                # their groups (core.request_memo); otherwise core.request_memo reads
                # them with the restrictions naming them, in one query.
                groups = user.groups.order_by().values_list("id", "name")
                setattr(user, request_memo.GROUP_NAMES_ATTR, dict(groups))
        return user

    def _get_permissions(self, user_obj, obj, from_name):
        if (
            user_obj.is_active
            and not user_obj.is_anonymous
            and obj is None
            and not hasattr(user_obj, f"_{from_name}_perm_cache")
        ):
            self._read_both(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)

    def _read_both(self, user_obj) -> None:
        names = {USER: set(), GROUP: set()}
        if user_obj.is_superuser:
            # ModelBackend gives a superuser every permission from both sources.
            rows = Permission.objects.values_list("content_type__app_label", "codename")
            names[USER] = names[GROUP] = {f"{app}.{code}" for app, code in rows.order_by()}
        else:
            for app, code, source in self._rows(user_obj):
                names[source].add(f"{app}.{code}")
        user_obj._user_perm_cache = names[USER]
        user_obj._group_perm_cache = names[GROUP]

    def _rows(self, user_obj):
        # The same two querysets as ModelBackend's _get_user_permissions and
        # _get_group_permissions, each marked with where its rows come from.
        groups_field = get_user_model()._meta.get_field("groups")
        in_groups = {f"group__{groups_field.related_query_name()}": user_obj}
        fields = ("content_type__app_label", "codename", "source")

        def marked(queryset, source):
            source = Value(source, output_field=CharField())
            return queryset.annotate(source=source).values_list(*fields).order_by()

        own = marked(user_obj.user_permissions.all(), USER)
        from_groups = marked(Permission.objects.filter(**in_groups), GROUP)
        return own.union(from_groups, all=True)
