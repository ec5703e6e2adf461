"""A page or clustered snippet read from a row without modelcluster's pass over its fields.

modelcluster's `ClusterableModel.__init__` lists the model's child relations on every
instance: a pass over every field of the model, a page's every reverse relation included
(one for each model with a foreign key to pages), to find child objects handed to the
constructor as keyword arguments and set them after Django's own constructor. A row read
from the database (`Model.from_db`, every queryset and every prepared query) passes its
values by position, never by keyword: for it the pass finds nothing and the constructor
is Django's. On the intranet's front page the passes were 3% of a signed-in request.

`install()` (core.apps) keeps modelcluster's constructor for every call with keywords and
goes straight to the next constructor after ClusterableModel's in the instance's class
order (Django's, for every model here) when there are none: what modelcluster does then
itself (django-modelcluster 6.5), without the pass.
"""

from modelcluster.models import ClusterableModel

_modelcluster_init = ClusterableModel.__init__


def _init(self, *args, **kwargs):
    if kwargs:  # maybe child objects by name: modelcluster sorts them out
        _modelcluster_init(self, *args, **kwargs)
    else:
        super(ClusterableModel, self).__init__(*args)


def install() -> None:
    ClusterableModel.__init__ = _init
