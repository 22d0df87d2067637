/* Questionnaires: on a phone, one question per screen with Back and Next; on a
 * wider screen, the whole form. Either way each answer is kept as a draft on
 * the server, so closing the page loses nothing. Without this script the form
 * still works: the whole form, with "Save and finish later". */
(function () {
  "use strict";
  var form = document.querySelector("form.questionnaire");
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
  var back = form.querySelector(".q-back");
  var next = form.querySelector(".q-next");
  var finish = form.querySelector(".q-finish");
  var status = form.querySelector(".q-status");
  var counter = form.querySelector(".answered-count");
  var bar = form.querySelector(".q-progress");
  var phone = window.matchMedia("(max-width: 40em)");
  var csrf = (form.querySelector("input[name=csrf_token]") || {}).value || "";
  var index = 0;
  var sending = 0;

  function answers() {
    return questions.map(function (q) {
      var picked = q.querySelector("input[type=radio]:checked");
      return picked ? parseInt(picked.value, 10) : null;
    });
  }

  function firstUnanswered() {
    var found = answers().indexOf(null);
    return found === -1 ? questions.length - 1 : found;
  }

  function show() {
    var stepping = phone.matches;
    questions.forEach(function (q, i) { q.hidden = stepping && i !== index; });
    back.hidden = !stepping || index === 0;
    next.hidden = !stepping || index === questions.length - 1;
    finish.hidden = stepping && index !== questions.length - 1;
  }

  function progress() {
    var done = answers().filter(function (a) { return a !== null; }).length;
    counter.textContent = String(done);
    bar.value = done;
  }

  function go(step) {
    index = Math.max(0, Math.min(questions.length - 1, index + step));
    show();
    var legend = questions[index].querySelector("legend");
    legend.setAttribute("tabindex", "-1");
    legend.focus();
  }

  function saveDraft() {
    var mine = ++sending;
    status.textContent = "Saving…";
    fetch("/api/v1/assignments/" + form.dataset.assignment + "/draft", {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin",
      body: JSON.stringify({ answers: answers() })
    }).then(function (response) {
      if (mine !== sending) return;
      status.textContent = response.ok ? "Saved so far." : "Not saved yet: we will try again with your next answer.";
    }, function () {
      if (mine === sending) status.textContent = "Not saved yet: we will try again with your next answer.";
    });
  }

  form.addEventListener("change", function () { progress(); saveDraft(); });
  back.addEventListener("click", function () { go(-1); });
  next.addEventListener("click", function () { go(1); });
  phone.addEventListener("change", show);
  index = firstUnanswered();
  show();
  progress();
})();
