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
  card.scrollIntoView({ behavior: "smooth", block: "center" });
}, true);
