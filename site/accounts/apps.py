from django.apps import AppConfig
from django.db.models.signals import post_migrate

from accounts.roles import grant_model_permissions


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = "Konta, role i strefy dostępu"

    def ready(self):
        # Content apps land over time; after every migrate the roles get the model
        # permissions of whatever content models exist now (add-only, never revoked).
        post_migrate.connect(grant_model_permissions, dispatch_uid="accounts-roles")
        # user_sessions registers its system check (sessions must be listable to be ended);
        # a user's snapshot is made stale by the changes that could change what they may do.
        from accounts import session_store, user_sessions, user_snapshot  # noqa: F401
        from core import cache_reads

        user_snapshot.connect()
        # A signed-in request's session and user snapshot, read with its shared fragments.
        cache_reads.read_with(session_store.read_ahead)
