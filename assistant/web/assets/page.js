// claimtrace: the page's small behaviours that Gradio's components do not have.

// A filter menu shows "any" until a choice is made: focusing it selects that text, so a
// name typed replaces it ("Peskov", never "anyPeskov").
document.addEventListener("focusin", function (event) {
  var input = event.target;
  if (!input || input.tagName !== "INPUT" || !input.closest(".ct-filter")) return;
  setTimeout(function () { input.select(); }, 0);
});
