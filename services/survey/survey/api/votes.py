"""Confidence votes: the organiser (province HR, for the Fatherland Front and the People's Council)
creates one with its one-time codes, prints them, closes it; delegates vote without signing in."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers import ballots, votes
from ..handlers.keys import ballot_key
from ..schemas.votes import (BallotCast, BallotFormOut, BallotIn, BallotLookupIn, CodesOut, ThresholdsIn,
                             ThresholdsOut, VoteCreated, VoteIn, VoteOut, VoteQuery)

blp = Blueprint("confidence_votes", __name__, url_prefix="/api/v1/confidence-votes",
                description="Lấy phiếu tín nhiệm / Confidence votes")
settings_blp = Blueprint("confidence_vote_settings", __name__, url_prefix="/api/v1/settings/confidence-votes",
                         description="Ngưỡng kết quả lấy phiếu tín nhiệm / Confidence-vote thresholds")
ORGANISER = ("province_admin",)
READERS = ("province_admin", "auditor", "unit_hr")


@blp.route("")
class Votes(MethodView):
    @requires(*ORGANISER)
    @blp.arguments(VoteIn)
    @blp.response(201, VoteCreated)
    def post(self, data):
        """Tạo cuộc lấy phiếu và mã phiếu dùng một lần / Create a vote with its one-time codes"""
        vote, codes = votes.create_vote(current_principal(), data, ballot_key())
        vote.codes = codes  # shown once here (and again on /codes while the vote is open); never stored
        return vote

    @requires(*READERS)
    @blp.arguments(VoteQuery, location="query")
    @blp.response(200, VoteOut(many=True))
    def get(self, query):
        """Các cuộc lấy phiếu, năm mới nhất trước / Votes, latest year first"""
        return votes.list_votes(current_principal(), query.get("unit_id"))


@blp.route("/<vote_id>")
class VoteById(MethodView):
    @requires(*READERS)
    @blp.response(200, VoteOut)
    def get(self, vote_id):
        """Một cuộc lấy phiếu; kết quả khi đã kết thúc / One vote; results once closed"""
        return votes.find_vote(current_principal(), vote_id)


@blp.route("/<vote_id>/codes")
class VoteCodes(MethodView):
    @requires(*ORGANISER)
    @blp.response(200, CodesOut)
    def get(self, vote_id):
        """In lại mã phiếu khi cuộc lấy phiếu còn mở / The codes again, to print, while the vote is open"""
        vote, codes = votes.codes_again(current_principal(), vote_id, ballot_key())
        return {"id": vote.id, "ref": vote.ref, "unit_name": vote.unit_name, "year": vote.year, "codes": codes}


@blp.route("/<vote_id>/close")
class VoteClose(MethodView):
    @requires(*ORGANISER)
    @blp.response(200, VoteOut)
    def post(self, vote_id):
        """Kết thúc: kết quả từng người (> 1/2 thấp: xem xét; ≥ 2/3 thấp: đề nghị thay thế) /
        close: each official's result (more than 1/2 low: consider; 2/3 or more: replace)"""
        return votes.close_vote(current_principal(), vote_id)


@blp.route("/ballot-form")
class BallotForm(MethodView):
    @blp.arguments(BallotLookupIn)
    @blp.response(200, BallotFormOut)
    def post(self, data):
        """Không cần đăng nhập: phiếu của một mã (chưa dùng, cuộc lấy phiếu còn mở) / no sign-in: the ballot a code opens"""
        return ballots.ballot_form(data["code"], ballot_key())


@blp.route("/<vote_id>/ballots")
class Ballots(MethodView):
    @blp.arguments(BallotIn)
    @blp.response(201, BallotCast)
    def post(self, data, vote_id):
        """Không cần đăng nhập: bỏ phiếu bằng mã dùng một lần; mã đã dùng 409, mã sai 422 /
        no sign-in: vote with a one-time code; a used code 409, an unknown one 422"""
        ballots.cast_ballot(vote_id, data["code"], data["answers"], ballot_key())
        return {"status": "counted"}


@settings_blp.route("")
class Thresholds(MethodView):
    @requires(*READERS)
    @settings_blp.response(200, ThresholdsOut)
    def get(self):
        """Ngưỡng hiện hành / the thresholds in force"""
        return votes.settings_view()

    @requires(*ORGANISER)
    @settings_blp.arguments(ThresholdsIn)
    @settings_blp.response(200, ThresholdsOut)
    def put(self, data):
        """Ngưỡng áp dụng cho các cuộc lấy phiếu tạo sau / thresholds of votes created from now on"""
        return votes.put_settings(current_principal(), data)
