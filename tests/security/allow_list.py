"""Who may call what: the allow-list of the public API, role by role (PRODUCT.md §1, §5).

Every operation of the merged OpenAPI document must appear here (a test checks it both ways),
so a new endpoint cannot ship without someone deciding who may call it."""
from __future__ import annotations

ADMIN, HR, CADRE, AUDITOR, SCHOOL = "province_admin", "unit_hr", "cadre", "auditor", "training_school"
INSPECTOR = "inspector"  # the inspection committee (Ủy ban kiểm tra): citizens' reports
PERSONS = (ADMIN, HR, CADRE, AUDITOR, SCHOOL, INSPECTOR)
PUBLIC = "public"  # no token needed (sign-in and its companions)
READERS = (ADMIN, HR, AUDITOR, CADRE)
MANAGERS = (ADMIN, HR)
HR_READERS = (ADMIN, HR, AUDITOR)
DEVICES_ONLY: tuple = ()  # kiosks and receipt links, never a person's token

ALLOW: dict[str, tuple | str] = {
    # gateway: identity and audit
    "POST /api/v1/auth/token": PUBLIC,
    "POST /api/v1/auth/refresh": PUBLIC,
    "POST /api/v1/auth/mfa/enrolment": PUBLIC,
    "POST /api/v1/auth/logout": PERSONS,
    "GET /api/v1/auth/me": PERSONS,
    "POST /api/v1/auth/password": PERSONS,
    "GET /api/v1/users": (ADMIN,),
    "POST /api/v1/users": (ADMIN,),
    "GET /api/v1/users/{user_id}": (ADMIN,),
    "PATCH /api/v1/users/{user_id}": (ADMIN,),
    "GET /api/v1/audit": (ADMIN, AUDITOR),
    "GET /api/v1/audit/verification": (ADMIN, AUDITOR),
    "POST /api/v1/audit/verification": (ADMIN, AUDITOR),
    # gateway: each person's own notifications; the province's mail server
    "GET /api/v1/notifications": PERSONS,
    "POST /api/v1/notifications/{key}/read": PERSONS,
    "POST /api/v1/notifications/read-all": PERSONS,
    "GET /api/v1/settings/mail": (ADMIN,),
    "PUT /api/v1/settings/mail": (ADMIN,),
    # gateway: kiosks and receipt links
    "GET /api/v1/kiosks": HR_READERS,
    "POST /api/v1/kiosks": MANAGERS,  # unit HR: for their own unit only
    "POST /api/v1/kiosks/{kiosk_id}/revoke": MANAGERS,
    "POST /api/v1/receipt-links": (ADMIN, HR, CADRE),
    # gateway: the training school's API keys (uploads only; accepted by the proxy, see test_api_keys)
    "GET /api/v1/api-keys": (ADMIN,),
    "POST /api/v1/api-keys": (ADMIN,),
    "POST /api/v1/api-keys/{key_id}/revoke": (ADMIN,),
    "GET /api/v1/kiosk/context": DEVICES_ONLY,
    "POST /api/v1/kiosk/responses": DEVICES_ONLY,
    "GET /api/v1/kiosk/staff/{cadre_id}/photo": DEVICES_ONLY,
    # evaluation: registry
    "GET /api/v1/units": READERS,
    "POST /api/v1/units": (ADMIN,),
    "GET /api/v1/units/{unit_id}": READERS,
    "PATCH /api/v1/units/{unit_id}": (ADMIN,),
    "GET /api/v1/units/{unit_id}/gaps": HR_READERS,  # unit-wide counts are not for a single cadre
    "GET /api/v1/units/{unit_id}/gaps/by-unit": HR_READERS,
    "GET /api/v1/positions": READERS,
    "POST /api/v1/positions": (ADMIN,),
    "GET /api/v1/positions/{position_id}": READERS,
    "PATCH /api/v1/positions/{position_id}": (ADMIN,),
    "GET /api/v1/positions/{position_id}/versions": READERS,
    "GET /api/v1/positions/{position_id}/versions/{version}": READERS,
    "GET /api/v1/competencies": READERS,
    "POST /api/v1/competencies": (ADMIN,),
    "GET /api/v1/competencies/{competency_id}": READERS,
    "PATCH /api/v1/competencies/{competency_id}": (ADMIN,),
    "GET /api/v1/standards/vocabularies": READERS,
    "GET /api/v1/standards/appendices": READERS,
    "GET /api/v1/standards/appendices/{area}": READERS,
    "PUT /api/v1/standards/appendices/{area}": (ADMIN,),
    "PUT /api/v1/standards/positions/{position_id}/competencies": (ADMIN,),
    "GET /api/v1/cadres": READERS,
    "POST /api/v1/cadres": MANAGERS,
    "GET /api/v1/cadres/{cadre_id}": READERS,
    "PATCH /api/v1/cadres/{cadre_id}": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/moves": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/leave": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/discipline": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/conclusions": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/assessments": MANAGERS,
    "POST /api/v1/cadres/{cadre_id}/work-history": MANAGERS,
    "GET /api/v1/cadres/{cadre_id}/gaps": READERS,
    "GET /api/v1/cadres/{cadre_id}/satisfaction": READERS,
    "POST /api/v1/imports/cadres": MANAGERS,
    # evaluation: scoring
    "POST /api/v1/scoring/preview": READERS,
    "POST /api/v1/classification/quota-check": HR_READERS,
    "GET /api/v1/scoring/general-policies": READERS,
    "PUT /api/v1/scoring/general-policies/{task_group}": (ADMIN,),
    # evaluation: periods, output tasks, 360 ratings, period scores
    "GET /api/v1/periods": READERS,
    "POST /api/v1/periods": (ADMIN,),
    "GET /api/v1/periods/{period_id}": READERS,
    "POST /api/v1/periods/{period_id}/close": (ADMIN,),
    "GET /api/v1/periods/{period_id}/scores": HR_READERS,
    "GET /api/v1/periods/{period_id}/units": HR_READERS,  # unit HR: their own unit's row
    "GET /api/v1/periods/{period_id}/progress": HR_READERS,
    "POST /api/v1/periods/{period_id}/reminders": MANAGERS,
    "GET /api/v1/periods/{period_id}/assignments": HR_READERS,
    "POST /api/v1/periods/{period_id}/assignments": MANAGERS,
    # a cadre: their own unit's, once approved (403 before, 404 for another unit)
    "GET /api/v1/periods/{period_id}/classification": READERS,
    "POST /api/v1/periods/{period_id}/classification/decisions": MANAGERS,
    "POST /api/v1/periods/{period_id}/classification/approve": (ADMIN,),
    "GET /api/v1/years/{year}": READERS,
    "POST /api/v1/years/{year}/close": (ADMIN,),
    "GET /api/v1/years/{year}/units": HR_READERS,  # unit HR: their own unit's row
    "GET /api/v1/years/{year}/classification": READERS,
    "POST /api/v1/years/{year}/classification/decisions": MANAGERS,
    "POST /api/v1/years/{year}/classification/approve": (ADMIN,),
    "GET /api/v1/cadres/{cadre_id}/year-result": READERS,  # a cadre: their own
    "GET /api/v1/cadres/{cadre_id}/comparison": READERS,  # a cadre: their own (visible_cadre)
    "GET /api/v1/settings/classification": HR_READERS,
    "PUT /api/v1/settings/classification": (ADMIN,),
    "GET /api/v1/exports/classification.xlsx": READERS,  # the classification's reading rules
    "GET /api/v1/exports/classification.pdf": READERS,
    "GET /api/v1/tasks": READERS,
    "POST /api/v1/tasks": MANAGERS,
    "POST /api/v1/tasks/batch": MANAGERS,
    "GET /api/v1/tasks/{task_id}": READERS,
    "PATCH /api/v1/tasks/{task_id}": (ADMIN, HR, CADRE),  # a cadre: evidence of own tasks only
    "POST /api/v1/tasks/{task_id}/evidence": (ADMIN, HR, CADRE),  # a cadre: own tasks only
    "GET /api/v1/tasks/{task_id}/evidence/{file_id}": READERS,  # whoever sees the task
    "DELETE /api/v1/tasks/{task_id}/evidence/{file_id}": MANAGERS,
    "POST /api/v1/ratings": (CADRE,),
    "POST /api/v1/ratings/batch": (CADRE,),
    "GET /api/v1/ratings/mine": (CADRE,),
    "GET /api/v1/ratings/audit": (AUDITOR,),
    "GET /api/v1/ratings/leniency": HR_READERS,
    "GET /api/v1/cadres/{cadre_id}/scores": READERS,
    "GET /api/v1/cadres/{cadre_id}/general-criteria": READERS,
    "GET /api/v1/cadres/{cadre_id}/leader-criteria": READERS,
    "GET /api/v1/cadres/{cadre_id}/results": READERS,  # a cadre: their own
    "PUT /api/v1/cadres/{cadre_id}/leader-criteria": MANAGERS,
    # survey
    "GET /api/v1/satisfaction": READERS,
    "GET /api/v1/satisfaction/breakdown": HR_READERS,
    "GET /api/v1/satisfaction/trend": READERS,
    "GET /api/v1/exports/satisfaction.xlsx": HR_READERS,
    "GET /api/v1/exports/satisfaction.pdf": HR_READERS,
    "GET /api/v1/responses": HR_READERS,
    "GET /api/v1/responses/suspect": HR_READERS,
    "POST /api/v1/responses/{response_id}/review": MANAGERS,
    "GET /api/v1/surveys/forms": HR_READERS,
    "POST /api/v1/surveys/forms": (ADMIN,),
    "GET /api/v1/surveys/forms/current": HR_READERS,
    "GET /api/v1/surveys/units/{unit_id}/counter-staff": HR_READERS,
    "PUT /api/v1/surveys/units/{unit_id}/counter-staff": MANAGERS,
    "GET /api/v1/surveys/units/{unit_id}/procedures": READERS,  # a cadre: their own unit's
    "PUT /api/v1/surveys/units/{unit_id}/procedures": MANAGERS,
    "PUT /api/v1/surveys/cadres/{cadre_id}/photo": MANAGERS,
    "DELETE /api/v1/surveys/cadres/{cadre_id}/photo": MANAGERS,
    # training
    "GET /api/v1/courses": READERS + (SCHOOL,),
    "POST /api/v1/courses": (ADMIN,),
    "GET /api/v1/courses/{code}": READERS + (SCHOOL,),
    "PUT /api/v1/courses/{code}": (ADMIN,),
    "GET /api/v1/training/requirements": READERS,
    "POST /api/v1/training/requirements": (ADMIN,),
    "GET /api/v1/training/requirements/{code}": READERS,
    "PUT /api/v1/training/requirements/{code}": (ADMIN,),
    "DELETE /api/v1/training/requirements/{code}": (ADMIN,),
    "GET /api/v1/training/uploads": (ADMIN, SCHOOL, AUDITOR),
    "POST /api/v1/training/uploads": (ADMIN, SCHOOL),
    "GET /api/v1/training/uploads/{batch_id}": (ADMIN, SCHOOL, AUDITOR),
    "GET /api/v1/training/cadres/{cadre_id}/compliance": READERS,
    "GET /api/v1/training/cadres/{cadre_id}/plan": READERS,
    "GET /api/v1/training/cadres/{cadre_id}/results": READERS,
    "GET /api/v1/training/units/{unit_id}/compliance": HR_READERS,
    "GET /api/v1/training/compliance/units": HR_READERS,
    "GET /api/v1/exports/training-compliance.xlsx": HR_READERS,
    "GET /api/v1/exports/training-compliance.pdf": HR_READERS,
    # evaluation: risk and scorecard
    "GET /api/v1/risk/model": (ADMIN, AUDITOR),
    "POST /api/v1/risk/model/train": (ADMIN,),
    "GET /api/v1/risk/models": (ADMIN, AUDITOR),
    "POST /api/v1/risk/models/{version}/activate": (ADMIN,),
    "POST /api/v1/risk/assess": MANAGERS,
    "GET /api/v1/risk/assessments": HR_READERS,
    "GET /api/v1/risk/flags": HR_READERS,
    "GET /api/v1/risk/flags/{flag_id}": HR_READERS,
    "POST /api/v1/risk/flags/{flag_id}/acknowledge": MANAGERS,
    "POST /api/v1/risk/flags/{flag_id}/interventions": MANAGERS,
    "POST /api/v1/risk/flags/{flag_id}/interventions/{intervention_id}/outcome": MANAGERS,
    "POST /api/v1/risk/flags/{flag_id}/feedback": MANAGERS,
    "GET /api/v1/risk/fairness": (ADMIN, AUDITOR),
    "GET /api/v1/scorecard": HR_READERS,
    "GET /api/v1/exports/scorecard.xlsx": HR_READERS,
    "GET /api/v1/exports/scorecard.pdf": HR_READERS,
    # evaluation: succession plans (province HR writes; a unit's HR reads their own unit)
    "POST /api/v1/succession/plans": (ADMIN,),
    "GET /api/v1/succession/plans": HR_READERS,
    "GET /api/v1/succession/plans/{plan_id}": HR_READERS,
    "GET /api/v1/succession/plans/{plan_id}/summary": (ADMIN, AUDITOR),
    "GET /api/v1/succession/plans/{plan_id}/history": HR_READERS,
    "POST /api/v1/succession/plans/{plan_id}/candidates": (ADMIN,),
    "DELETE /api/v1/succession/plans/{plan_id}/candidates/{candidate_id}": (ADMIN,),
    "PUT /api/v1/succession/plans/{plan_id}/candidates/{candidate_id}/development": (ADMIN,),
    "GET /api/v1/settings/succession": HR_READERS,
    "PUT /api/v1/settings/succession": (ADMIN,),
    "GET /api/v1/cadres/{cadre_id}/scrutiny": HR_READERS,  # concluded reports (never the reporter), votes
    # survey: confidence votes (delegates vote without signing in, with a one-time code)
    "POST /api/v1/confidence-votes": (ADMIN,),
    "GET /api/v1/confidence-votes": HR_READERS,
    "GET /api/v1/confidence-votes/{vote_id}": HR_READERS,
    "GET /api/v1/confidence-votes/{vote_id}/codes": (ADMIN,),
    "POST /api/v1/confidence-votes/{vote_id}/close": (ADMIN,),
    "POST /api/v1/confidence-votes/ballot-form": PUBLIC,
    "POST /api/v1/confidence-votes/{vote_id}/ballots": PUBLIC,
    "GET /api/v1/settings/confidence-votes": HR_READERS,
    "PUT /api/v1/settings/confidence-votes": (ADMIN,),
    # survey: citizens' reports (anyone files and follows; the inspection reads, with the contact, and
    # concludes; the province admin reads without the contact; unit HR and cadres never)
    "POST /api/v1/reports": PUBLIC,
    "GET /api/v1/reports": (ADMIN, INSPECTOR),
    "GET /api/v1/reports/units": PUBLIC,
    "GET /api/v1/reports/officials": PUBLIC,
    "GET /api/v1/reports/status/{reference}": PUBLIC,
    "GET /api/v1/reports/{report_id}": (ADMIN, INSPECTOR),
    "POST /api/v1/reports/{report_id}/conclusion": (INSPECTOR,),
}

# Calls that end the caller's own session run with a token of their own.
ENDS_SESSION = {"POST /api/v1/auth/logout"}
# Path parameters: ids nobody has (allowed roles then get 404/422, refused ones 401/403).
PATH_VALUES = {"version": "1", "area": "mountain", "year": "2099"}  # a year nobody evaluates: closing it is a 409
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
