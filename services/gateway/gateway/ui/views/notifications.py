"""The signed-in person's notifications: the list, marking read, opening what one is about; and
the unread counter every page shows in its header."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from ...handlers import inbox
from ..pages import blueprint as bp
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .auth import safe_next

PER_PAGE = 20
NOTICES = {"all_read": N_("Đã đánh dấu tất cả thông báo là đã đọc.")}


def unread_notifications() -> int:
    """The header's counter (one read by ``_id`` per page, kept for the rest of the request)."""
    if g.get("web_user") is None:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = inbox.unread_count(g.web_user.id)
    return g.unread_notifications


@bp.get("/notifications")
@login_required()
def notifications():
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    page = max(page, 1)
    items, total, unread = inbox.page_of(g.web_user.id, page, PER_PAGE, g.lang)
    g.unread_notifications = unread
    return render_template("ui/notifications.html", items=items, total=total, unread=unread, page=page,
                           total_pages=max(1, -(-total // PER_PAGE)), notice=notice_of(NOTICES),
                           page_url=lambda n: url_for("ui.notifications", page=n),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Thông báo"), None)])


@bp.get("/notifications/<key>/open")
@login_required()
def notification_open(key):
    """Follows a notification to what it is about, marking it read (its link is a path of this site)."""
    return redirect(safe_next(inbox.open_link(g.web_user.id, key)))


@bp.post("/notifications/<key>/read")
@login_required()
def notification_read(key):
    inbox.mark_read(g.web_user.id, key, g.lang)
    return redirect(url_for("ui.notifications", page=request.form.get("page") or None) + f"#n-{key}")


@bp.post("/notifications/read-all")
@login_required()
def notifications_read_all():
    inbox.mark_all_read(g.web_user.id)
    return redirect(url_for("ui.notifications", notice="all_read"))
