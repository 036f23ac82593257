"""Area appendices of the standards, and the vocabularies (scales, categories) forms need."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.errors import ApiError

from ..domain.scales import AREAS, ORDERED_SCALES, VOCABULARIES
from ..handlers.appendices import set_appendix
from ..models import AreaAppendix
from ..schemas.standards import AppendixIn, AppendixOut, VocabulariesOut
from .roles import PROVINCE, READERS

blp = Blueprint("standards", __name__, url_prefix="/api/v1/standards",
                description="Phụ lục năng lực ưu tiên theo địa bàn; danh mục / Area appendices; vocabularies")


def _area(area: str) -> str:
    if area not in AREAS:
        raise ApiError(404)
    return area


@blp.route("/vocabularies")
class Vocabularies(MethodView):
    @requires(*READERS)
    @blp.response(200, VocabulariesOut)
    def get(self):
        """Các danh mục đóng và thang bậc (thấp → cao) / Closed lists and ordered scales, lowest first"""
        listed = {scale.name: [{"code": c, "label": label} for c, label in scale.levels] for scale in ORDERED_SCALES}
        listed.update({name: [{"code": c, "label": label} for c, label in items.items()]
                       for name, items in VOCABULARIES.items()})
        return listed


@blp.route("/appendices")
class Appendices(MethodView):
    @requires(*READERS)
    @blp.response(200, AppendixOut(many=True))
    def get(self):
        """Phụ lục của các loại địa bàn đã khai báo / Appendices defined so far"""
        return [a.state() for a in AreaAppendix.objects.exclude("outbox", "versions").order_by("id")]


@blp.route("/appendices/<area>")
class AppendixByArea(MethodView):
    @requires(*READERS)
    @blp.response(200, AppendixOut)
    def get(self, area):
        """Phụ lục của một loại địa bàn / The appendix of one area type"""
        appendix = AreaAppendix.objects(id=_area(area)).exclude("outbox", "versions").first()
        if appendix is None:
            raise ApiError(404)
        return appendix.state()

    @requires(*PROVINCE)
    @blp.arguments(AppendixIn)
    @blp.response(200, AppendixOut)
    def put(self, data, area):
        """Đặt phụ lục (phiên bản mới nếu khác) / Set the appendix (a new version when it differs)"""
        return set_appendix(_area(area), data, current_principal().username).state()
