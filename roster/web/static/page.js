// The page's own script (no inline scripts: the Content-Security-Policy forbids them).
// A copy button copies the text of the element its data-copy names.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button.copy") : null;
  if (!button) return;
  var source = document.querySelector(button.getAttribute("data-copy"));
  if (!source) return;
  var done = function () {
    var note = button.parentNode.querySelector(".copied");
    if (note) note.hidden = false;
  };
  var text = source.value !== undefined ? source.value : source.textContent;
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { source.select(); document.execCommand("copy"); done(); });
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
});
