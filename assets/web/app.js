// hostmatch pages: small enhancements only; every page works without this file.
// Forms marked data-confirm ask before they post (account deletion, removing a rule).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
