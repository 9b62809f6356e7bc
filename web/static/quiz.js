// Keyboard-only quiz: Enter checks (native form submit) and continues, 1-4 pick a choice
// while the answer box is empty (outside it when a choice starts with a digit), "?"
// shows the pinyin hint, L (and S) listen when the browser has a Chinese voice. No
// inline code (strict CSP).
"use strict";

// The browser's speech synthesis with a Chinese voice; the listen buttons stay hidden
// when there is none (headless browsers have no voices at all).
function chineseVoice() {
  if (!("speechSynthesis" in window)) return null;
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => /^zh\b|^zh[-_]|^cmn/i.test(v.lang)) || null;
}

function speak(text) {
  const voice = chineseVoice();
  if (!voice || !text) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}

function showListenButtons() {
  const hidden = !chineseVoice();
  document.querySelectorAll(".listen").forEach((el) => { el.hidden = hidden; });
}

document.addEventListener("DOMContentLoaded", () => {
  const hint = document.getElementById("pinyin-hint");
  const hinted = document.getElementById("hinted");
  if (hint && hinted) {
    hint.addEventListener("toggle", () => {
      if (hint.open) hinted.value = "1";
    });
  }

  showListenButtons();
  if ("speechSynthesis" in window) {
    window.speechSynthesis.addEventListener("voiceschanged", showListenButtons);
  }
  document.querySelectorAll("[data-speak]").forEach((button) => {
    button.addEventListener("click", () => speak(button.dataset.speak));
  });

  document.addEventListener("keydown", (event) => {
    const listen = (id) => {
      const button = document.querySelector(`[data-testid="${id}"]`);
      if (button && !button.closest(".listen").hidden) {
        event.preventDefault();
        button.click();
      }
    };
    const answerButton = document.querySelector('[data-testid="listen-answer"]');
    // Alt+L listens anywhere, even while typing; plain L only outside the answer box.
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyL") {
      listen(answerButton ? "listen-answer" : "listen-sentence");
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    const inField = target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && target.type !== "hidden");
    // A digit typed in the box is part of the answer when it is not empty, or when a
    // choice starts with a digit (3D打印: its first key is not choice 3).
    const digitAnswers = target.form && "digitAnswers" in target.form.dataset;
    const typing = target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && target.type !== "hidden" &&
        (target.value !== "" || digitAnswers));
    const next = document.querySelector('[data-testid="next-item"]');
    if (event.key === "Enter" && next && target === document.body) {
      event.preventDefault();
      next.click();
      return;
    }
    if (typing) return;
    if (/^[1-4]$/.test(event.key)) {
      const choice = document.querySelector(`[data-testid="choice-${event.key}"]`);
      if (choice) {
        event.preventDefault();
        choice.click();
      }
    } else if (event.key === "?" && hint) {
      event.preventDefault();
      hint.open = !hint.open;
    } else if (inField) {
      return;  // letters typed into the answer box are pinyin
    } else if (event.key === "l" || event.key === "L") {
      listen(answerButton ? "listen-answer" : "listen-sentence");
    } else if ((event.key === "s" || event.key === "S") && answerButton) {
      listen("listen-sentence");
    } else if (event.key === "u" || event.key === "U") {
      const undo = document.querySelector('[data-testid="undo"]');
      if (undo) {
        event.preventDefault();
        undo.click();
      }
    }
  });
});

// The reading view: pinyin and English on demand (P, E), a word's gloss on click.
document.addEventListener("DOMContentLoaded", () => {
  const reading = document.getElementById("reading");
  if (!reading) return;
  const panel = document.getElementById("gloss-panel");
  const toggle = (button, apply) => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    apply(on);
  };
  const pinyin = document.getElementById("toggle-pinyin");
  const english = document.getElementById("toggle-english");
  const showPinyin = () => toggle(pinyin, (on) => reading.classList.toggle("with-pinyin", on));
  const showEnglish = () => toggle(english, (on) => {
    reading.querySelectorAll(".reading-en").forEach((p) => { p.hidden = !on; });
  });
  pinyin.addEventListener("click", showPinyin);
  english.addEventListener("click", showEnglish);
  reading.addEventListener("click", (event) => {
    const word = event.target.closest("button.word");
    if (!word) return;
    reading.querySelectorAll("button.word.picked").forEach((w) => w.classList.remove("picked"));
    word.classList.add("picked");
    const text = word.querySelector("ruby").firstChild.textContent;
    panel.replaceChildren();
    const zh = document.createElement("strong");
    zh.lang = "zh";
    zh.textContent = text;
    const py = document.createElement("span");
    py.className = "py";
    py.textContent = ` ${word.dataset.pinyin} `;
    panel.append(zh, py, word.dataset.gloss || "(no dictionary entry)");
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "p" || event.key === "P") showPinyin();
    else if (event.key === "e" || event.key === "E") showEnglish();
  });
});

// Registered last, so it runs after the handlers above: the page's keys now work
// (a key pressed while the page is still loading does nothing; tests wait for this).
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.dataset.keys = "ready";
});
