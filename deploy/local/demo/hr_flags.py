"""HR acting on the flags the school's results answered, as PRODUCT §3.5 has HR act on a flag.

The registry learns the cadres before the school's results. Their required courses are not known
until the school has reported on them (the early warning does not judge them before: no flag), but
a cadre whose results arrive in two runs of events misses a course for a moment as far as the
platform knows, and a flag raised then turns green with the rest of the results. A flag is HR's to
close: the demo's HR closes whatever is green the platform's way, a training intervention (the
courses the school recorded) with its outcome "improved", closing the flag. (Before the courses
waited for the school's report, the import raised ~530 such flags, each closed here.)"""
from __future__ import annotations

from c360_client import ClientError

NOTE = ("Đã hoàn thành các khóa bồi dưỡng theo kết quả của Trường Chính trị tỉnh / "
        "the required courses are done, as the provincial school's results show")
ATTEMPTS = 3


def _close(s, flag: dict) -> bool:
    """The flag (as listed) closed with a training intervention and its outcome; False when it is
    no longer green and open (the early warning changed it meanwhile: its next assessment settles it)."""
    flag_id = flag["id"]
    for attempt in range(ATTEMPTS):
        if attempt:  # read again only after a conflict: the list gave the flag as it was
            flag = s.api.get(f"/risk/flags/{flag_id}")
        if flag["status"] == "closed" or flag["light"] != "green":
            return False
        try:
            done = next((i for i in flag["interventions"] if i["kind"] == "training" and not i["outcome"]), None)
            if done is None:
                done = s.api.call("POST", f"/risk/flags/{flag_id}/interventions", json={
                    "kind": "training", "note": NOTE}).json()["interventions"][-1]
            s.api.call("POST", f"/risk/flags/{flag_id}/interventions/{done['id']}/outcome", json={
                "outcome": "improved", "note": NOTE, "close_flag": True})
            return True
        except ClientError as exc:
            if exc.status != 409:  # 409: the early warning re-assessed the flag meanwhile
                raise
    return False


def close_recovered(s, say) -> int:
    """Every flag not closed whose light is now green, closed as above; how many."""
    green = s.api.get("/risk/flags", light="green")
    closed = []
    s.concurrently("Cảnh báo đã hết nguy cơ / flags the results answered", [
        lambda flag=flag: closed.append(_close(s, flag)) for flag in green], say)
    return sum(closed)
