/* Cadre360 kiosk page: a citizen rates the service in a few taps.
 *
 * Loss-proof: every answer gets a UUID here and is written to localStorage *before* anything
 * is sent; it leaves the queue only when the server confirms it (201 created, 200 already
 * had it) or refuses it for good (409, 422 — kept aside for the technician). Network errors,
 * 429 and 5xx keep it queued and it is retried with backoff and whenever the browser comes
 * back online, so an outage neither loses an answer nor counts one twice (the server
 * recognises a re-sent UUID).
 *
 * Two modes: a kiosk device (opaque token from enrolment, kept in localStorage) choosing the
 * official on screen, or a phone opened from the signed QR link on a receipt (#r=…), which
 * names the official and the dossier (and often the procedure). The citizen may also say which
 * procedure they came for, from the unit's list, so the indices per procedure fill from kiosks too.
 */
(function () {
  "use strict";

  var KEYS = { token: "c360.kiosk.token", context: "c360.kiosk.context", queue: "c360.kiosk.queue.v1",
               refused: "c360.kiosk.refused.v1" };
  var IDLE_RESET_MS = 45000, THANKS_MS = 5000, FLUSH_EVERY_MS = 10000, CONTEXT_EVERY_MS = 600000;
  var REQUEST_TIMEOUT_MS = 15000, MAX_BACKOFF_MS = 120000, MAX_REFUSED_KEPT = 50;

  var receipt = receiptFromLink();
  var state = { context: null, answer: null, screen: null, flushing: false, retryAt: 0, backoff: 2000,
                idleTimer: null, thanksTimer: null, photoUrls: {} };

  function $(id) { return document.getElementById(id); }

  // The receipt's token comes in the address's fragment (#r=…), which the browser never sends, and goes
  // to the server only in a header: it never appears in an access log. Links printed before the token
  // moved there (?r=…, valid 14 days) still work; the token then moves to the fragment at once, so a
  // reload does not send it again.
  function receiptFromLink() {
    var match = /[#&]r=([^&]+)/.exec(window.location.hash);
    if (match) { return decodeURIComponent(match[1]); }
    var legacy = new URLSearchParams(window.location.search).get("r");
    if (legacy) { window.history.replaceState(null, "", window.location.pathname + "#r=" + encodeURIComponent(legacy)); }
    return legacy;
  }

  // storage ------------------------------------------------------------------------------
  function load(key, fallback) {
    try { var raw = window.localStorage.getItem(key); return raw ? JSON.parse(raw) : fallback; }
    catch (e) { return fallback; }
  }
  function save(key, value) { window.localStorage.setItem(key, JSON.stringify(value)); }
  function queueKey() { return receipt ? KEYS.queue + ".receipt" : KEYS.queue; }
  function queue() { return load(queueKey(), []); }

  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16); window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // server -------------------------------------------------------------------------------
  function credentials() {
    if (receipt) { return { "X-C360-Receipt": receipt }; }
    var token = load(KEYS.token, null);
    return token ? { "Authorization": "Bearer " + token } : {};
  }

  function call(method, path, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    var headers = Object.assign({ "Accept": "application/json" }, credentials());
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, { method: method, headers: headers, signal: controller.signal, cache: "no-store",
                         body: body === undefined ? undefined : JSON.stringify(body) })
      .finally(function () { clearTimeout(timer); });
  }

  // screens ------------------------------------------------------------------------------
  function show(name) {
    ["setup", "faces", "official", "details", "thanks", "message"].forEach(function (s) {
      $("screen-" + s).hidden = s !== name;
    });
    state.screen = name;
    document.body.dataset.screen = name;
    if (name === "thanks") { pointReportLink(); }
    armIdleReset();
  }

  // from the thank-you screen a citizen may also report the official's conduct (/report)
  function pointReportLink() {
    var unit = state.context && state.context.unit ? state.context.unit.id : "";
    var cadre = state.answer ? state.answer.cadre_id : "";
    $("report-link").href = "/report?from=" + (receipt ? "receipt" : "kiosk") + "&unit=" +
      encodeURIComponent(unit || "") + "&cadre=" + encodeURIComponent(cadre || "");
  }

  function message(title, text) {
    $("message-title").textContent = title;
    $("message-text").textContent = text;
    show("message");
  }

  function armIdleReset() {
    clearTimeout(state.idleTimer);
    if (state.screen === "official" || state.screen === "details") {
      state.idleTimer = setTimeout(startOver, IDLE_RESET_MS);
    }
  }

  function startOver() {
    clearTimeout(state.thanksTimer);
    state.answer = { overall: null, cadre_id: null, cadre_name: null, indicators: {} };
    $("dossier-code").value = receipt && state.context && state.context.receipt ? state.context.receipt.dossier_code : "";
    $("comment").value = "";
    $("procedure").value = "";
    $("dossier-error").hidden = true;
    renderIndicators();
    if (state.context) { show("faces"); }
  }

  // context: unit, form, staff -----------------------------------------------------------
  function applyContext(context) {
    state.context = context;
    var unit = context.unit && context.unit.name;
    if (unit) { $("unit-name").textContent = unit; }
    var form = context.form || {};
    if (form.question_vi) { $("question-vi").textContent = form.question_vi; }
    if (form.question_en) { $("question-en").textContent = form.question_en; }
    if (context.receipt) {
      $("official-named").hidden = false;
      $("official-named").textContent = "Cán bộ tiếp nhận: " + context.receipt.full_name +
        " · Hồ sơ " + context.receipt.dossier_code;
      $("dossier-field").hidden = true;
    }
    renderStaff(context.staff || []);
    renderProcedures(context.receipt && context.receipt.procedure_code ? [] : (context.procedures || []));
    if (state.answer === null) { startOver(); }
  }

  function loadContext() {
    return call("GET", "/api/v1/kiosk/context").then(function (res) {
      if (res.status === 401) { return res.json().catch(function () { return {}; }).then(notEnrolled); }
      if (!res.ok) { throw new Error("HTTP " + res.status); }
      return res.json().then(function (context) {
        if (!receipt) { save(KEYS.context, context); }
        applyContext(context);
      });
    }).catch(function () {
      var cached = receipt ? null : load(KEYS.context, null);
      if (cached) { if (!state.context) { applyContext(cached); } }
      else if (!state.context) {
        message("Chưa kết nối được máy chủ", "Vui lòng thử lại sau ít phút. / Cannot reach the server yet; retrying.");
        setTimeout(loadContext, 5000);
      }
    });
  }

  function notEnrolled() {
    if (receipt) {
      message("Liên kết không hợp lệ", "Liên kết đánh giá không hợp lệ hoặc đã hết hạn. / This rating link is invalid or expired.");
      return;
    }
    window.localStorage.removeItem(KEYS.context);
    $("setup-error").textContent = "Mã ki-ốt không hợp lệ hoặc đã bị thu hồi. / Invalid or revoked kiosk token.";
    $("setup-error").hidden = false;
    show("setup");
  }

  function initials(name) {
    var parts = (name || "").trim().split(/\s+/);
    return ((parts.length > 1 ? parts[parts.length - 2][0] : "") + (parts[parts.length - 1] || "?")[0]).toUpperCase();
  }

  function renderStaff(staff) {
    var grid = $("staff-grid");
    grid.textContent = "";
    $("staff-empty").hidden = staff.length > 0;
    staff.forEach(function (person) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "staff";
      button.dataset.cadreId = person.cadre_id;
      var avatar = document.createElement("span");
      avatar.className = "avatar";
      avatar.textContent = initials(person.full_name);
      if (person.photo_url) { loadPhoto(person.photo_url, avatar); }
      var name = document.createElement("span");
      name.textContent = person.full_name;
      button.appendChild(avatar);
      button.appendChild(name);
      button.addEventListener("click", function () { chooseOfficial(person); });
      grid.appendChild(button);
    });
  }

  function renderProcedures(procedures) {
    var select = $("procedure");
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    procedures.forEach(function (p) {
      var option = document.createElement("option");
      option.value = p.code;
      option.textContent = p.name;
      select.appendChild(option);
    });
    select.value = procedures.some(function (p) { return p.code === chosen; }) ? chosen : "";
    $("procedure-field").hidden = procedures.length === 0;
  }

  function loadPhoto(url, avatar) {
    var shown = function (objectUrl) {
      var img = document.createElement("img");
      img.alt = "";
      img.src = objectUrl;
      avatar.textContent = "";
      avatar.appendChild(img);
    };
    if (state.photoUrls[url]) { shown(state.photoUrls[url]); return; }
    call("GET", url).then(function (res) { return res.ok ? res.blob() : null; }).then(function (blob) {
      if (blob) { state.photoUrls[url] = URL.createObjectURL(blob); shown(state.photoUrls[url]); }
    }).catch(function () { /* initials stay */ });
  }

  function renderIndicators() {
    var list = $("indicator-list");
    list.textContent = "";
    var form = (state.context && state.context.form) || { indicators: [] };
    form.indicators.forEach(function (indicator) {
      var row = document.createElement("div");
      row.className = "indicator";
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = indicator.label_vi;
      var en = document.createElement("span");
      en.className = "en";
      en.textContent = indicator.label_en;
      name.appendChild(en);
      var scores = document.createElement("div");
      scores.className = "scores";
      scores.setAttribute("role", "group");
      scores.setAttribute("aria-label", indicator.label_vi);
      [1, 2, 3, 4, 5].forEach(function (score) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = String(score);
        b.dataset.indicator = indicator.key;
        b.dataset.score = String(score);
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", function () { toggleScore(indicator.key, score, scores); });
        scores.appendChild(b);
      });
      row.appendChild(name);
      row.appendChild(scores);
      list.appendChild(row);
    });
  }

  function toggleScore(key, score, group) {
    var same = state.answer.indicators[key] === score;
    if (same) { delete state.answer.indicators[key]; } else { state.answer.indicators[key] = score; }
    Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", String(!same && Number(b.dataset.score) === score));
    });
  }

  // the answer ---------------------------------------------------------------------------
  var LEVEL_TEXT = { very_satisfied: "Rất hài lòng", satisfied: "Hài lòng", dissatisfied: "Không hài lòng" };

  function chooseLevel(overall) {
    state.answer.overall = overall;
    if (state.context.receipt) {
      state.answer.cadre_id = state.context.receipt.cadre_id;
      state.answer.cadre_name = state.context.receipt.full_name;
      toDetails();
    } else {
      show("official");
    }
  }

  function chooseOfficial(person) {
    state.answer.cadre_id = person.cadre_id;
    state.answer.cadre_name = person.full_name;
    toDetails();
  }

  function toDetails() {
    $("chosen-summary").textContent = LEVEL_TEXT[state.answer.overall] + " · " + state.answer.cadre_name;
    show("details");
    if (!receipt) { $("dossier-code").focus(); }
  }

  function submitAnswer() {
    var dossier = $("dossier-code").value.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9 ._\/\-]{1,63}$/.test(dossier)) {
      $("dossier-error").textContent = "Vui lòng nhập mã hồ sơ in trên phiếu hẹn (chữ, số, . _ / -). / Please enter the dossier code from your receipt.";
      $("dossier-error").hidden = false;
      $("dossier-code").focus();
      return;
    }
    var comment = $("comment").value.trim();
    var body = { response_id: uuid4(), dossier_code: dossier, cadre_id: state.answer.cadre_id,
                 overall: state.answer.overall, indicators: Object.assign({}, state.answer.indicators),
                 comment: comment || null, form_version: state.context.form.version,
                 answered_at: new Date().toISOString() };
    if ($("procedure").value) { body.procedure_code = $("procedure").value; }
    var items = queue();
    items.push({ body: body, queued_at: body.answered_at, attempts: 0 });
    save(queueKey(), items);  // safe on the device before anything is sent
    updateQueueStatus();
    if (receipt) { sendFromPhone(body.response_id); return; }
    show("thanks");
    state.thanksTimer = setTimeout(startOver, THANKS_MS);
    flush();
  }

  function sendFromPhone(responseId) {
    message("Đang gửi…", "Xin vui lòng chờ trong giây lát. / Sending…");
    flush().then(function () {
      var still = queue().some(function (item) { return item.body.response_id === responseId; });
      var refused = load(KEYS.refused, []).filter(function (item) { return item.body.response_id === responseId; })[0];
      if (refused && refused.status === 409) {
        message("Hồ sơ này đã được đánh giá", "Mỗi hồ sơ chỉ được đánh giá một lần. Cảm ơn Ông/Bà! / This dossier has already been rated.");
      } else if (refused) {
        message("Không gửi được đánh giá", "Liên kết không còn phù hợp. / The answer was refused.");
      } else if (still) {
        message("Đã lưu đánh giá", "Máy đang mất kết nối; đánh giá sẽ tự gửi khi có mạng, xin đừng xoá dữ liệu trình duyệt. / Saved; it will be sent when the connection returns.");
      } else {
        show("thanks");
      }
    });
  }

  // the queue ----------------------------------------------------------------------------
  function settle(responseId, outcome) {
    var items = queue().filter(function (item) { return item.body.response_id !== responseId; });
    save(queueKey(), items);
    if (outcome) {
      var refused = load(KEYS.refused, []);
      refused.push(outcome);
      save(KEYS.refused, refused.slice(-MAX_REFUSED_KEPT));
    }
  }

  function flush() {
    if (state.flushing || Date.now() < state.retryAt) { return Promise.resolve(); }
    state.flushing = true;
    var sendNext = function () {
      var items = queue();
      if (!items.length) { return Promise.resolve(); }
      var item = items[0];
      return call("POST", "/api/v1/kiosk/responses", item.body).then(function (res) {
        if (res.status === 201 || res.status === 200) {
          settle(item.body.response_id, null);
          state.backoff = 2000;
          return sendNext();
        }
        if (res.status === 409 || res.status === 422) {
          return res.json().catch(function () { return {}; }).then(function (err) {
            settle(item.body.response_id, { status: res.status, error: err.error || null, body: item.body,
                                            at: new Date().toISOString() });
            return sendNext();
          });
        }
        if (res.status === 401) { notEnrolled(); throw new Error("not enrolled"); }
        var wait = Number(res.headers.get("Retry-After") || 0) * 1000;
        throw new Error("retry later" + (wait ? ":" + wait : ""));
      });
    };
    return sendNext().catch(function (err) {
      var wait = /:(\d+)$/.exec(String(err && err.message));
      state.retryAt = Date.now() + (wait ? Number(wait[1]) : state.backoff);
      state.backoff = Math.min(state.backoff * 2, MAX_BACKOFF_MS);
    }).finally(function () {
      state.flushing = false;
      updateQueueStatus();
    });
  }

  function updateQueueStatus() {
    var n = queue().length;
    document.body.dataset.queued = String(n);
    $("queue-status").textContent = n ? "Chờ gửi: " + n + " đánh giá / " + n + " waiting to be sent" : "";
    var online = navigator.onLine !== false;
    var net = $("net-status");
    net.classList.toggle("offline", !online);
    net.textContent = online ? "" : "Mất kết nối — đánh giá vẫn được lưu và sẽ tự gửi / Offline — answers are kept";
  }

  // wiring -------------------------------------------------------------------------------
  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll(".face"), function (b) {
      b.addEventListener("click", function () { chooseLevel(b.dataset.overall); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-action=back]"), function (b) {
      b.addEventListener("click", function () {
        show(state.screen === "details" && !state.context.receipt ? "official" : "faces");
      });
    });
    $("submit-answer").addEventListener("click", submitAnswer);
    $("dossier-code").addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); $("submit-answer").focus(); }  // barcode scanners end with Enter
    });
    $("setup-form").addEventListener("submit", function (e) {
      e.preventDefault();
      save(KEYS.token, $("setup-token").value.trim());
      $("setup-token").value = "";
      $("setup-error").hidden = true;
      loadContext();
    });
    ["pointerdown", "keydown", "input"].forEach(function (type) {
      document.addEventListener(type, armIdleReset, { passive: true });
    });
    window.addEventListener("online", function () { state.retryAt = 0; updateQueueStatus(); flush(); });
    window.addEventListener("offline", updateQueueStatus);
    setInterval(function () { if (queue().length) { flush(); } }, FLUSH_EVERY_MS);
    if (!receipt) { setInterval(loadContext, CONTEXT_EVERY_MS); }
  }

  function takeSetupTokenFromLink() {
    var match = /[#&]k=([^&]+)/.exec(window.location.hash);
    if (match) {
      save(KEYS.token, decodeURIComponent(match[1]));
      window.history.replaceState(null, "", window.location.pathname);  // the token leaves the address bar
    }
  }

  function registerServiceWorker() {
    var url = document.body.dataset.serviceWorker;
    if (url && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(url, { scope: "/kiosk" }).catch(function () { /* page works without */ });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    takeSetupTokenFromLink();
    wire();
    registerServiceWorker();
    updateQueueStatus();
    if (!receipt && !load(KEYS.token, null)) { show("setup"); return; }
    loadContext().then(function () { if (queue().length) { flush(); } });
  });
})();
