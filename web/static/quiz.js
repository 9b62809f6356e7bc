// Keyboard-only quiz: Enter checks (native form submit) and continues, 1-4 pick a choice
// while the answer box is empty, "?" shows the pinyin hint. No inline code (strict CSP).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const hint = document.getElementById("pinyin-hint");
  const hinted = document.getElementById("hinted");
  if (hint && hinted) {
    hint.addEventListener("toggle", () => {
      if (hint.open) hinted.value = "1";
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    const typing = target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && target.type !== "hidden" && target.value !== "");
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
    }
  });
});
