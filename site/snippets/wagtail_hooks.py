from wagtail.snippets.models import register_snippet

from snippets.viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)
