"""Documents that carry outbox events, published by ``cadre_shared.workers evaluation relay``
(each context keeps its own documents; this list only gathers those with an outbox)."""
from .appraisal.models import OUTBOX_DOCUMENTS as APPRAISAL_DOCUMENTS
from .registry.models import OUTBOX_DOCUMENTS as REGISTRY_DOCUMENTS
from .risk.models import RiskFlag
from .succession.models import OUTBOX_DOCUMENTS as SUCCESSION_DOCUMENTS

OUTBOX_DOCUMENTS = [*REGISTRY_DOCUMENTS, *APPRAISAL_DOCUMENTS, RiskFlag, *SUCCESSION_DOCUMENTS]
