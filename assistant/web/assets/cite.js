// claimtrace: clicking [n] in an answer brings source n into view in the sources panel and marks it.
document.addEventListener("click", function (event) {
  var link = event.target && event.target.closest ? event.target.closest("a.ct-cite") : null;
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  var id = (link.getAttribute("href") || "").replace(/^#/, "");
  var card = id ? document.getElementById(id) : null;
  if (!card) return;
  var turn = card.closest("details");
  if (turn) turn.open = true;
  document.querySelectorAll(".ct-src.ct-marked").forEach(function (el) {
    el.classList.remove("ct-marked");
  });
  card.classList.add("ct-marked");
  // scroll the sources panel only, never the whole page
  var box = card.closest("#ct-sources") || card.parentElement;
  var offset = card.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTo({ top: box.scrollTop + offset - 12, behavior: "smooth" });
}, true);
