// Qingfeng quizzes: graded in the browser with no server and no third-party
// code. Questions are real form controls in the page; answers come from the
// JSON beside them. Everything from content is set with textContent, so a
// stem or explanation can never become markup. The script's own words come
// from the page too (qingfeng/quiz.html), so the 繁體 mirror shows them converted.
(function () {
  "use strict";

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    return items;
  }

  // "{count}" and the like replaced by values: text only, never markup.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function setup(root) {
    if (root.getAttribute("data-qf-ready")) return;
    root.setAttribute("data-qf-ready", "1");
    var data = JSON.parse(root.querySelector("[data-qf-quiz-data]").textContent);
    var text = JSON.parse(root.querySelector("[data-qf-quiz-text]").textContent);
    var form = root.querySelector("form");
    var questions = all(root, "[data-qf-question]");
    var warning = root.querySelector("[data-qf-warning]");
    var result = root.querySelector("[data-qf-result]");
    var score = root.querySelector("[data-qf-score]");
    var passed = root.querySelector("[data-qf-passed]");
    var submit = root.querySelector("[data-qf-submit]");
    var retry = root.querySelector("[data-qf-retry]");
    var active = [];

    function picked(fieldset) {
      return all(fieldset, "input:checked").map(function (input) { return input.value; });
    }

    function isRight(question, answer) {
      if (question.type === "judge") return answer.length === 1 && answer[0] === String(question.answer);
      var want = question.answer.slice().sort();
      var got = answer.slice().sort();
      return want.length === got.length && want.every(function (v, i) { return v === got[i]; });
    }

    function answerText(question) {
      if (question.type === "judge") return question.answer ? text.true : text.false;
      return question.answer.map(function (letter) {
        return letter + ". " + question.options[letter];
      }).join("；");
    }

    function start() {
      var indices = questions.map(function (_, i) { return i; });
      if (data.draw && data.draw < indices.length) {
        indices = shuffle(indices).slice(0, data.draw).sort(function (a, b) { return a - b; });
      }
      active = indices;
      questions.forEach(function (fieldset, i) {
        var on = active.indexOf(i) !== -1;
        fieldset.hidden = !on;
        fieldset.disabled = !on;
        fieldset.classList.remove("qf-question--right", "qf-question--wrong", "qf-question--missing");
        fieldset.removeAttribute("aria-invalid");
        all(fieldset, "input").forEach(function (input) { input.checked = false; });
        fieldset.querySelector("[data-qf-feedback]").hidden = true;
      });
      active.forEach(function (i, n) {
        questions[i].querySelector(".qf-question__number").textContent = String(n + 1);
      });
      warning.hidden = true;
      result.hidden = true;
      submit.hidden = false;
      retry.hidden = true;
    }

    function grade(i) {
      var fieldset = questions[i];
      var question = data.questions[fieldset.getAttribute("data-qf-question")];
      var right = isRight(question, picked(fieldset));
      fieldset.classList.add(right ? "qf-question--right" : "qf-question--wrong");
      var feedback = fieldset.querySelector("[data-qf-feedback]");
      feedback.querySelector("[data-qf-verdict]").textContent = right ? text.right : text.wrong;
      feedback.querySelector("[data-qf-answer]").textContent = answerText(question);
      var explain = feedback.querySelector("[data-qf-explain]");
      explain.textContent = question.explain ? text.explain + question.explain : "";
      explain.hidden = !question.explain;
      var source = feedback.querySelector("[data-qf-case]");
      if (question.case) {
        var link = source.querySelector("a");
        link.textContent = question.case.title;
        var url = question.case.url;
        // Opened from disk (the offline edition), a folder link shows the folder: name its page.
        link.setAttribute("href", location.protocol === "file:" && /\/$/.test(url) ? url + "index.html" : url);
      }
      source.hidden = !question.case;
      feedback.hidden = false;
      fieldset.disabled = true;
      return right;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var missing = active.filter(function (i) { return picked(questions[i]).length === 0; });
      questions.forEach(function (fieldset) {
        fieldset.classList.remove("qf-question--missing");
        fieldset.removeAttribute("aria-invalid");
      });
      if (missing.length) {
        missing.forEach(function (i) {
          questions[i].classList.add("qf-question--missing");
          questions[i].setAttribute("aria-invalid", "true");
        });
        var numbers = missing.map(function (i) { return active.indexOf(i) + 1; });
        warning.textContent = fill(text.missing, { count: missing.length, numbers: numbers.join(text.and) });
        warning.hidden = false;
        questions[missing[0]].querySelector("input").focus();
        return;
      }
      warning.hidden = true;
      var right = active.filter(grade).length;
      // Pass or fail from the exact fraction (35 of 44 is 79.5 %, short of 80); the shown
      // percentage is rounded down, so it never reads as a pass mark that was not reached.
      var ok = right * 100 >= data.pass * active.length;
      var percent = Math.floor((right * 100) / active.length);
      score.textContent = right + " / " + active.length + "（" + percent + "%）";
      passed.textContent = fill(ok ? text.passed : text.failed, { pass: data.pass });
      result.classList.toggle("qf-quiz__result--passed", ok);
      result.classList.toggle("qf-quiz__result--failed", !ok);
      result.hidden = false;
      submit.hidden = true;
      retry.hidden = false;
      result.focus();
    });

    retry.addEventListener("click", function () {
      start();
      questions[active[0]].querySelector("input").focus();
    });

    start();
  }

  all(document, "[data-qf-quiz]").forEach(setup);
})();
