"""The signed-in user's notifications (every role; each person reads only their own inbox)."""
from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..audit.hook import note
from ..auth.guard import authenticated, signed_in
from ..domain.accounts import ASSIGNABLE_ROLES
from ..handlers import inbox, mail_settings
from ..handlers.translations import LANGUAGES
from ..models.identity import User
from ..schemas.mail_settings import MailSettingsIn, MailSettingsOut
from ..schemas.notifications import NotificationOut, NotificationPage, NotificationQuery, UnreadOut

blp = Blueprint("notifications", __name__, url_prefix="/api/v1",
                description="Thông báo của người dùng và máy chủ thư / Notifications and the mail server")


def _language(user_id: str) -> str:
    """Texts in the language the request asks for, else the one the person chose in the web UI."""
    if request.headers.get("Accept-Language"):
        return request.accept_languages.best_match(LANGUAGES, default="vi")
    user = User.objects(id=user_id).only("language").first()
    return (user.language if user else None) or "vi"


@blp.route("/notifications")
class Notifications(MethodView):
    @signed_in(*ASSIGNABLE_ROLES)
    @blp.arguments(NotificationQuery, location="query")
    @blp.response(200, NotificationPage)
    def get(self, query):
        """Thông báo của tôi, mới nhất trước / My notifications, newest first"""
        user_id = authenticated().user_id
        items, total, unread = inbox.page_of(user_id, query["page"], query["per_page"], _language(user_id))
        return {"items": items, "unread": unread}, {"X-Total-Count": str(total)}


@blp.route("/notifications/<key>/read")
class NotificationRead(MethodView):
    @signed_in(*ASSIGNABLE_ROLES)
    @blp.response(200, NotificationOut)
    def post(self, key):
        """Đánh dấu đã đọc / Mark as read"""
        user_id = authenticated().user_id
        return inbox.mark_read(user_id, key, _language(user_id))


@blp.route("/notifications/read-all")
class NotificationsReadAll(MethodView):
    @signed_in(*ASSIGNABLE_ROLES)
    @blp.response(200, UnreadOut)
    def post(self):
        """Đánh dấu tất cả đã đọc / Mark all as read"""
        return {"unread": inbox.mark_all_read(authenticated().user_id)}


@blp.route("/settings/mail")
class MailSettings(MethodView):
    @signed_in("province_admin")
    @blp.response(200, MailSettingsOut)
    def get(self):
        """Máy chủ thư gửi thông báo / The SMTP server of notification e-mails"""
        return mail_settings.view(current_app.config)

    @signed_in("province_admin")
    @blp.arguments(MailSettingsIn)
    @blp.response(200, MailSettingsOut)
    def put(self, data):
        """Đặt máy chủ thư (mật khẩu không bao giờ được trả về) / Set the SMTP server (the password is never returned)"""
        mail_settings.save(data, authenticated().user_id, current_app.config)
        note(action="settings.mail", detail={"host": data.get("host") or "", "port": data["port"],
                                             "security": data["security"],
                                             "password": "changed" if "password" in data else "kept"})
        return mail_settings.view(current_app.config)
