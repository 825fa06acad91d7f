// claimtrace: the page's small behaviours that Gradio's components do not have.

// A filter menu shows "any" until a choice is made: the first key typed after focusing it
// replaces that text, so a name typed is the name ("Peskov", never "anyPeskov"); the text is
// selected on focus too, to show that it will be replaced. In the claimant menu (``ct-free``:
// any name may be typed) Enter keeps the name typed, where Gradio would take the first
// suggestion ("Trump" would become "Beyond Trump"); a suggestion is picked with the arrow
// keys and Enter, or a click.
(function () {
  var fresh = null;
  var arrowed = false;
  function menuInput(target) {
    return target && target.tagName === "INPUT" && target.closest(".ct-filter") ? target : null;
  }
  document.addEventListener("focusin", function (event) {
    var input = menuInput(event.target);
    if (!input) return;
    fresh = input;
    arrowed = false;
    setTimeout(function () { input.select(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    var input = menuInput(event.target);
    if (!input) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") arrowed = true;
    if (event.key === "Enter" && !arrowed && input.closest(".ct-free")) {
      event.preventDefault();
      event.stopImmediatePropagation();
      input.blur();  // the menu keeps the text typed as its value
      return;
    }
    if (input !== fresh) return;
    fresh = null;
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      input.select();
      arrowed = false;
    }
  }, true);
})();

// A new question scrolls the chat so that it, and the opening of its answer, sit at the top;
// the answer then grows downwards without dragging its first line out of view (the Chatbot's
// own autoscroll, which follows the end of the answer, is off). While the answer streams,
// the view moves down until the question reaches the top (at first there may be too little
// below it to scroll that far, and Gradio lays an answer out in steps); scrolling the chat by
// hand (wheel, touch, the scrollbar, a key, a click in it) stops that until the next question.
(function () {
  var asked = 0;
  var pinned = false;
  function follow() {
    var rows = document.querySelectorAll("#ct-chat .message-row.user-row");
    if (rows.length !== asked) {
      pinned = rows.length > asked;
      asked = rows.length;
    }
    if (!pinned) return;
    var row = rows[rows.length - 1];
    var box = row.closest(".bubble-wrap");
    if (!box) return;
    var offset = row.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    if (offset > 1) box.scrollTop += offset;
  }
  function unpin(event) {
    if (event.target.closest && event.target.closest("#ct-chat")) pinned = false;
  }
  ["wheel", "touchmove", "mousedown", "keydown"].forEach(function (name) {
    document.addEventListener(name, unpin, { passive: true, capture: true });
  });
  new MutationObserver(follow).observe(document.documentElement, {
    childList: true,
    characterData: true,
    subtree: true,
  });
})();
