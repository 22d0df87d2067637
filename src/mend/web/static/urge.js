/* Urge surfing: a timer that asks for the urge's strength each minute.
 *
 * Every rating is kept on this device first (localStorage) and then sent with
 * PUT /api/v1/urge-sessions/<key>, whole each time, so a dropped connection
 * loses nothing: the timer keeps going and the queue is sent when the network
 * is back (or on the next visit). The server stores a session once per key.
 */
(function () {
  "use strict";
  var app = document.getElementById("urge-app");
  if (!app) return;
  var PREFIX = "mend.urge.";
  var passedLevel = Number(app.dataset.passed);
  var imminentLevel = Number(app.dataset.imminent);
  var selfHarmIds = (app.dataset.selfHarmIds || "").split(",").filter(Boolean);
  var csrf = "";
  try { csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || ""; } catch (e) { csrf = ""; }

  var $ = function (id) { return document.getElementById(id); };
  var current = null;
  var ticker = null;
  var retry = null;
  var sends = 0;

  function newKey() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function save(session) {
    try { localStorage.setItem(PREFIX + session.key, JSON.stringify(session)); } catch (e) { /* storage full or blocked: the server copy still counts */ }
  }

  function stored() {
    var found = [];
    for (var i = 0; i < localStorage.length; i++) {
      var name = localStorage.key(i);
      if (name && name.indexOf(PREFIX) === 0) {
        try { found.push(JSON.parse(localStorage.getItem(name))); } catch (e) { localStorage.removeItem(name); }
      }
    }
    return found;
  }

  function say(text) { $("urge-sync").textContent = text; }

  function body(session) {
    return JSON.stringify({
      started_at: session.started_at,
      samples: session.samples,
      target_id: session.target_id || null,
      self_harm: session.self_harm,
      ended: session.ended,
      end_reason: session.end_reason || null
    });
  }

  function sent(session) {
    session.synced = session.samples.length;
    session.syncedEnded = session.ended;
    if (session.ended) { localStorage.removeItem(PREFIX + session.key); } else { save(session); }
  }

  function pending(session) {
    return session.synced !== session.samples.length || session.syncedEnded !== session.ended;
  }

  function send(session) {
    if (!pending(session)) return Promise.resolve(true);
    return fetch("/api/v1/urge-sessions/" + session.key, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin",
      body: body(session)
    }).then(function (response) {
      if (response.ok) { sent(session); return true; }
      if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
        // The server refused this copy for good (e.g. it conflicts with what it
        // already has); keep it on the device, but stop resending it.
        session.refused = response.status;
        save(session);
        return true;
      }
      return false;
    }, function () { return false; });
  }

  function flush() {
    var queue = stored().filter(function (s) { return pending(s) && !s.refused; });
    if (current && pending(current) && queue.every(function (s) { return s.key !== current.key; })) queue.push(current);
    if (!queue.length) return;
    // Only the newest send speaks, so "Saved." never describes an older copy.
    var mine = ++sends;
    say("Saving…");
    Promise.all(queue.map(send)).then(function (results) {
      var ok = results.every(Boolean);
      if (mine === sends) say(ok ? "Saved." : "Saved on this device. It will be sent when you are back online.");
      if (!ok) scheduleRetry();
    });
  }

  function scheduleRetry() {
    if (retry) return;
    retry = window.setTimeout(function () { retry = null; flush(); }, 15000);
  }

  function minuteNow() { return Math.floor((Date.now() - current.startMs) / 60000); }

  function lastMinute() { return current.samples[current.samples.length - 1][0]; }

  function peakIndex(samples) {
    var best = 0;
    for (var i = 1; i < samples.length; i++) { if (samples[i][1] > samples[best][1]) best = i; }
    return best;
  }

  function hasPassed(samples) {
    // The same rule as the server (coping.analytics.urge_curve): passed at the
    // first rating after the peak that is below the passed level.
    var peak = peakIndex(samples);
    for (var i = peak + 1; i < samples.length; i++) { if (samples[i][1] < passedLevel) return samples[i][0]; }
    return null;
  }

  function setButtons(enabled) {
    var buttons = app.querySelectorAll("[data-rate]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = !enabled; }
  }

  function showCrisisIfNeeded(level) {
    if (!current.self_harm || level < imminentLevel) return;
    var panel = $("urge-crisis");
    if (panel.hidden) {
      panel.hidden = false;
      panel.setAttribute("role", "alert");
      panel.focus();
    }
  }

  function curveText() {
    var levels = current.samples.map(function (s) { return "minute " + s[0] + ": " + s[1]; });
    $("urge-curve").textContent = "So far — " + levels.join(", ") + ".";
  }

  function tick() {
    var ms = Date.now() - current.startMs;
    var secs = Math.floor(ms / 1000);
    $("urge-clock").textContent = Math.floor(secs / 60) + ":" + ("0" + (secs % 60)).slice(-2);
    var minute = minuteNow();
    if (minute > lastMinute() && minute !== current.asked) {
      current.asked = minute;
      $("urge-ask").textContent = "Minute " + minute + ". How strong is the urge now?";
      setButtons(true);
    }
  }

  function finish(reason) {
    current.ended = true;
    current.end_reason = reason;
    window.clearInterval(ticker);
    save(current);
    flush();
    var passedAt = hasPassed(current.samples);
    $("urge-result").textContent = reason === "passed"
      ? "The urge passed after " + passedAt + " minute" + (passedAt === 1 ? "" : "s") + ". Your body knew how to let it go."
      : "You stayed with it for " + lastMinute() + " minute" + (lastMinute() === 1 ? "" : "s") + ". That counts.";
    $("urge-running").hidden = true;
    $("urge-done").hidden = false;
    $("urge-done").focus();
  }

  function rate(level) {
    var minute = Math.max(minuteNow(), lastMinute() + 1);
    current.samples.push([minute, level]);
    current.asked = minute;
    save(current);
    setButtons(false);
    $("urge-ask").textContent = "Thank you. I'll ask again at minute " + (minute + 1) + ".";
    curveText();
    showCrisisIfNeeded(level);
    if (hasPassed(current.samples) !== null) { finish("passed"); return; }
    flush();
  }

  function run() {
    $("urge-start").hidden = true;
    $("urge-running").hidden = false;
    setButtons(false);
    $("urge-ask").textContent = "I'll ask again at minute " + (lastMinute() + 1) + ". Breathe, and notice the urge.";
    curveText();
    ticker = window.setInterval(tick, 1000);
    tick();
  }

  function start(level) {
    var target = $("urge-target").value;
    current = {
      key: newKey(),
      started_at: new Date().toISOString(),
      startMs: Date.now(),
      samples: [[0, level]],
      target_id: target === "self_harm" ? null : (target || null),
      self_harm: target === "self_harm" || selfHarmIds.indexOf(target) !== -1,
      ended: false,
      asked: 0,
      synced: 0,
      syncedEnded: false
    };
    save(current);
    run();
    showCrisisIfNeeded(level);
    flush();
  }

  function resume() {
    // A session still running on this device (the page was reloaded) carries on.
    var open = stored().filter(function (s) { return !s.ended && Date.now() - s.startMs < 3600000; });
    if (!open.length) return;
    current = open[0];
    run();
  }

  app.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-start")) start(Number(button.dataset.level));
    else if (button.hasAttribute("data-rate") && current && !current.ended) rate(Number(button.dataset.level));
    else if (button.id === "urge-stop" && current && !current.ended) finish(hasPassed(current.samples) !== null ? "passed" : "stopped");
  });
  window.addEventListener("online", flush);
  resume();
  flush();
})();
